using Microsoft.Extensions.Logging;

namespace Inventory.Runtime;

internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Activated {GrainId} ({GrainClass})")]
    public static partial void Activated(ILogger logger, GrainId grainId, string grainClass);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Activation of {GrainId} failed; {Waiting} waiting calls fail with the error")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId, int waiting);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Deactivated {GrainId} ({Reason}); {Forwarded} queued calls forwarded to the next activation")]
    public static partial void Deactivated(ILogger logger, GrainId grainId, DeactivationReason reason, int forwarded);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} ({Reason}) threw; the activation is dropped anyway")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Timer tick of {GrainId} threw")]
    public static partial void TimerFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Batch commit of {GrainId} failed; {Calls} calls fail and the activation is dropped")]
    public static partial void CommitFailed(ILogger logger, Exception exception, GrainId grainId, int calls);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Version conflict in {GrainId}; dropping the activation so the next call reloads")]
    public static partial void StateConflict(ILogger logger, GrainId grainId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Mailbox of {GrainId} is full ({Depth} calls); call rejected")]
    public static partial void Overloaded(ILogger logger, GrainId grainId, int depth);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "{Count} calls to {GrainId} timed out")]
    public static partial void CallsTimedOut(ILogger logger, GrainId grainId, int count);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "The turn loop of {GrainId} failed unexpectedly; the activation is dropped")]
    public static partial void LoopFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Grain runtime stopping: deactivating {Count} activations")]
    public static partial void Stopping(ILogger logger, int count);
}
