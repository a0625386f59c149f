using System.Linq.Expressions;
using System.Reflection;

namespace Inventory.Runtime;

/// <summary>One grain interface method: a compiled invoker and the factory of its typed calls.</summary>
internal abstract class GrainMethod
{
    protected GrainMethod(MethodInfo method)
    {
        Name = method.Name;
        ReturnsValue = method.ReturnType != typeof(Task);
        Invoke = Compile(method);
    }

    public string Name { get; }

    public bool ReturnsValue { get; }

    /// <summary>Calls the method on a grain instance through the interface (so explicit implementations work).</summary>
    public Func<object, object?[]?, Task> Invoke { get; }

    public abstract IGrainCall CreateCall(object?[]? arguments);

    public static GrainMethod Create(MethodInfo method)
    {
        var result = method.ReturnType == typeof(Task) ? typeof(object) : method.ReturnType.GetGenericArguments()[0];
        return (GrainMethod)Activator.CreateInstance(typeof(GrainMethod<>).MakeGenericType(result), method)!;
    }

    private static Func<object, object?[]?, Task> Compile(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object[]), "arguments");
        var parameters = method.GetParameters();
        var values = new Expression[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            values[i] = Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), parameters[i].ParameterType);
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, values);
        return Expression.Lambda<Func<object, object?[]?, Task>>(Expression.Convert(call, typeof(Task)), grain, arguments).Compile();
    }
}

internal sealed class GrainMethod<T>(MethodInfo method) : GrainMethod(method)
{
    public override IGrainCall CreateCall(object?[]? arguments) => new GrainCall<T>(this, arguments);
}
