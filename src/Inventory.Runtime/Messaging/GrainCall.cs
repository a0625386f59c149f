namespace Inventory.Runtime;

/// <summary>
/// A call to a grain method. Derives from the caller's <see cref="TaskCompletionSource{TResult}"/> so a call costs one
/// object plus its task. Continuations run asynchronously: answering a caller never runs the caller's code inside the
/// callee's turn loop.
/// </summary>
internal sealed class GrainCall<T> : TaskCompletionSource<T>, IGrainCall
{
    private readonly GrainMethod _method;
    private readonly object?[]? _arguments;
    private T? _result;
    private Exception? _error;

    public GrainCall(GrainMethod method, object?[]? arguments)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _method = method;
        _arguments = arguments;
    }

    public long SentAt { get; set; }

    public string MethodName => _method.Name;

    Task IGrainCall.Task => Task;

    public bool IsAnswered => Task.IsCompleted;

    public ValueTask<Exception?> RunAsync(Grain grain)
    {
        Task task;
        try
        {
            task = _method.Invoke(grain, _arguments);
        }
        catch (Exception e)
        {
            _error = e;
            return new ValueTask<Exception?>(e);
        }
        return task.IsCompleted ? new ValueTask<Exception?>(Keep(task)) : AwaitAsync(task);
    }

    public void Answer()
    {
        if (_error is null)
            TrySetResult(_result!);
        else
            TrySetException(_error);
    }

    public void Fail(Exception exception) => TrySetException(exception);

    private async ValueTask<Exception?> AwaitAsync(Task task)
    {
        await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return Keep(task);
    }

    private Exception? Keep(Task task)
    {
        if (task.IsCompletedSuccessfully)
        {
            if (_method.ReturnsValue)
                _result = ((Task<T>)task).Result;
            return null;
        }
        _error = task.IsCanceled ? new TaskCanceledException(task) : task.Exception!.InnerException!;
        return _error;
    }
}
