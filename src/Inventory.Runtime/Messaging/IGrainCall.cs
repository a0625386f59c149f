namespace Inventory.Runtime;

/// <summary>A queued grain call: the message and the caller's task in one object.</summary>
internal interface IGrainCall
{
    /// <summary>When the call was first sent (<see cref="TimeProvider.GetTimestamp"/>); kept when forwarded.</summary>
    long SentAt { get; set; }

    string MethodName { get; }

    Task Task { get; }

    /// <summary>True once the caller has its answer (for a queued call: it timed out, so it is skipped).</summary>
    bool IsAnswered { get; }

    /// <summary>Runs the grain method as a turn and keeps its outcome; returns the exception it threw, if any.</summary>
    ValueTask<Exception?> RunAsync(Grain grain);

    /// <summary>Answers the caller with the kept outcome.</summary>
    void Answer();

    void Fail(Exception exception);
}
