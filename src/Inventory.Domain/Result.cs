namespace Inventory.Domain;

/// <summary>The outcome of a domain operation: a value or a <see cref="Failure"/>. Never both.</summary>
[GenerateSerializer, Alias("inv.Result`1")]
public readonly struct Result<T>
{
    [Id(0)]
    private readonly T? _value;

    private Result(T? value, Failure? failure)
    {
        _value = value;
        Failure = failure;
    }

    [Id(1)]
    public Failure? Failure { get; }
    public bool IsSuccess => Failure is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Result is a failure: {Failure!.Code}");

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Fail(Failure failure) => new(default, failure);

    public static implicit operator Result<T>(T value) => Ok(value);
    public static implicit operator Result<T>(Failure failure) => Fail(failure);
}
