namespace Inventory.Domain.Serials;

public static class SerialFailures
{
    public static Failure InvalidTransition(string sku, string serial, SerialStatus from, SerialStatus to) =>
        new(ErrorCodes.InvalidTransition,
            $"Serial '{serial}' of {sku} is {SerialLifecycle.Name(from)} and cannot become {SerialLifecycle.Name(to)}.",
            new Dictionary<string, object?>
            {
                ["sku"] = sku,
                ["serial"] = serial,
                ["from"] = SerialLifecycle.Name(from),
                ["to"] = SerialLifecycle.Name(to),
            });

    public static Failure NotFound(string sku, string serial) =>
        new(SerialErrorCodes.SerialNotFound, $"Serial '{serial}' of {sku} is not registered.",
            new Dictionary<string, object?> { ["sku"] = sku, ["serial"] = serial });

    public static Failure AlreadyRegistered(string sku, IReadOnlyList<string> serials) =>
        new(SerialErrorCodes.SerialAlreadyRegistered,
            serials.Count == 1
                ? $"Serial '{serials[0]}' of {sku} is already registered."
                : $"{serials.Count} serials of {sku} are already registered.",
            new Dictionary<string, object?> { ["sku"] = sku, ["serials"] = serials });

    public static Failure ReferenceMismatch(string sku, string serial, string? held, string given) =>
        new(SerialErrorCodes.SerialReferenceMismatch,
            $"Serial '{serial}' of {sku} is held for '{held}', not '{given}'.",
            new Dictionary<string, object?> { ["sku"] = sku, ["serial"] = serial, ["heldFor"] = held, ["reference"] = given });
}
