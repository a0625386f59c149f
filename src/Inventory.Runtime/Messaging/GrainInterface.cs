using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace Inventory.Runtime;

/// <summary>A validated grain interface and its methods, built once per interface type.</summary>
internal sealed class GrainInterface
{
    private static readonly ConcurrentDictionary<Type, GrainInterface> Cache = new();

    private readonly Dictionary<MethodInfo, GrainMethod> _methods;

    private GrainInterface(Type type, Dictionary<MethodInfo, GrainMethod> methods)
    {
        Type = type;
        _methods = methods;
    }

    public Type Type { get; }

    /// <summary>Throws <see cref="ArgumentException"/> naming every method that breaks the rules.</summary>
    public static GrainInterface For(Type type) => Cache.GetOrAdd(type, Build);

    public GrainMethod GetMethod(MethodInfo method)
    {
        if (_methods.TryGetValue(method, out var found))
            return found;
        // Reflection normally hands out the same MethodInfo instance; fall back to matching by handle.
        foreach (var entry in _methods)
        {
            if (entry.Key.MethodHandle == method.MethodHandle && entry.Key.DeclaringType == method.DeclaringType)
                return entry.Value;
        }
        throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} is not a method of grain interface {Type.Name}.");
    }

    private static GrainInterface Build(Type type)
    {
        if (!type.IsInterface)
            throw new ArgumentException($"{type.Name} is not an interface; grains are referenced by their grain interface.", nameof(type));
        var methods = new Dictionary<MethodInfo, GrainMethod>();
        var problems = new StringBuilder();
        foreach (var declaring in type.GetInterfaces().Prepend(type))
        {
            foreach (var method in declaring.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            {
                var problem = Check(method);
                if (problem is null)
                    methods[method] = GrainMethod.Create(method);
                else
                    problems.Append(" ").Append(declaring.Name).Append('.').Append(method.Name).Append(' ').Append(problem).Append('.');
            }
        }
        if (problems.Length > 0)
            throw new ArgumentException($"Grain interface {type.Name} is invalid:{problems}", nameof(type));
        return new GrainInterface(type, methods);
    }

    private static string? Check(MethodInfo method)
    {
        var returns = method.ReturnType;
        if (returns != typeof(Task) && !(returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>)))
            return $"returns {returns.Name}; grain methods must return Task or Task<T>";
        if (method.IsGenericMethodDefinition)
            return "is generic; grain methods cannot be";
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType.IsByRef)
                return $"has by-reference parameter '{parameter.Name}'; grain methods cannot";
        }
        return null;
    }
}
