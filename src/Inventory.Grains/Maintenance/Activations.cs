namespace Inventory.Grains.Maintenance;

/// <summary>Activation-level actions through Orleans' management grain, for the admin tooling and reconcile --repair.</summary>
public static class Activations
{
    public static IManagementGrain Management(this IGrainFactory grains) => grains.GetGrain<IManagementGrain>(0);

    /// <summary>
    /// Whether <paramref name="grain"/> has an activation on some silo, asking every silo's catalog (the grain
    /// directory's cache may still name an activation that is gone). Never activates it.
    /// </summary>
    public static async Task<bool> IsActiveAsync(this IGrainFactory grains, IAddressable grain)
    {
        var id = grain.GetGrainId();
        return (await grains.Management().GetActiveGrains(id.Type)).Contains(id);
    }

    /// <summary>
    /// Deactivates <paramref name="grain"/> wherever it is active and waits until it is gone; its next call loads it
    /// from storage. False when it was not active. Not from inside the same grain (use DeactivateOnIdle there).
    /// </summary>
    public static async Task<bool> DeactivateAsync(this IGrainFactory grains, IAddressable grain, CancellationToken cancellationToken = default)
    {
        if (!await grains.IsActiveAsync(grain))
            return false;
        await grains.Management().DeactivateGrain(grain.GetGrainId(), cancellationToken);
        return true;
    }

    /// <summary>The keys of every active grain of <typeparamref name="TGrain"/>'s type, on every silo.</summary>
    public static async Task<IReadOnlyList<string>> ActiveKeysAsync<TGrain>(this IGrainFactory grains) where TGrain : IGrainWithStringKey
    {
        var type = grains.GetGrain<TGrain>("-").GetGrainId().Type;
        var ids = await grains.Management().GetActiveGrains(type);
        return ids.Select(id => id.Key.ToString()!).ToList();
    }
}
