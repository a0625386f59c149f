using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Runtime;

/// <summary>Returned by AddGrainRuntime: registers grain classes and exposes the services for further wiring.</summary>
public sealed class GrainRuntimeBuilder
{
    internal GrainRuntimeBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    /// <summary>Grains referenced as <typeparamref name="TInterface"/> are activated as <typeparamref name="TGrain"/>.</summary>
    public GrainRuntimeBuilder AddGrain<TInterface, TGrain>()
        where TInterface : IGrainWithStringKey
        where TGrain : Grain, TInterface
    {
        if (typeof(TGrain).IsAbstract)
            throw new ArgumentException($"{typeof(TGrain).Name} is abstract; register a concrete grain class.");
        Services.AddSingleton(new GrainRegistration(typeof(TInterface), typeof(TGrain)));
        return this;
    }
}
