using System.Reflection;

namespace Inventory.Runtime;

/// <summary>
/// The grain reference handed out by <see cref="IGrainFactory.GetGrain{TGrainInterface}"/>: every interface method
/// call becomes a message in the activation's mailbox and returns the caller's task.
/// </summary>
/// <remarks>Not sealed: <see cref="DispatchProxy"/> derives the generated proxy class from it.</remarks>
internal class GrainProxy : DispatchProxy
{
    private GrainRuntime _runtime = null!;
    private GrainType _type = null!;

    public GrainId GrainId { get; private set; }

    public override string ToString() => GrainId.ToString();

    public override bool Equals(object? obj) => obj is GrainProxy other && other.GrainId == GrainId && ReferenceEquals(other._runtime, _runtime);

    public override int GetHashCode() => GrainId.GetHashCode();

    internal void Bind(GrainRuntime runtime, GrainType type, GrainId id)
    {
        _runtime = runtime;
        _type = type;
        GrainId = id;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var call = _type.Interface.GetMethod(targetMethod!).CreateCall(args);
        _runtime.Send(_type, GrainId, call);
        return call.Task;
    }
}
