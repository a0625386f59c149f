namespace Inventory.Runtime;

/// <summary>
/// A grain addressed by a string key. Every method of a grain interface must return
/// <see cref="Task"/> or <see cref="Task{TResult}"/>; <see cref="IGrainFactory.GetGrain{TGrainInterface}"/> checks this.
/// </summary>
public interface IGrainWithStringKey : IGrain;
