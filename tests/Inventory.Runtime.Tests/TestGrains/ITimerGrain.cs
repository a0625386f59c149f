namespace Inventory.Runtime.Tests.TestGrains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTimer(TimeSpan dueTime, TimeSpan period);

    Task StopTimer();

    /// <summary>Runs across awaits, like a tick; the probe counts overlaps between calls and ticks.</summary>
    Task Work();
}
