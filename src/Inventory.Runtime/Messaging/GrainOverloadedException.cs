namespace Inventory.Runtime;

/// <summary>
/// The grain's mailbox holds <see cref="GrainRuntimeOptions.MaxMailboxDepth"/> calls already; the call was not
/// queued. Retryable: back off and try again.
/// </summary>
public sealed class GrainOverloadedException : Exception
{
    public GrainOverloadedException()
        : base("The grain is overloaded; retry later.")
    {
    }

    public GrainOverloadedException(string message)
        : base(message)
    {
    }

    public GrainOverloadedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
