namespace Inventory.Domain;

/// <summary>
/// The stored name of each <see cref="LedgerEntryType"/>: the enum name in lower snake case (received, reserved,
/// reservation_extended, ...), as stock_ledger.type, the API, events and metrics spell it. The one map both ways.
/// </summary>
public static class LedgerEntryTypes
{
    private static readonly Dictionary<LedgerEntryType, string> Names = Enum.GetValues<LedgerEntryType>().ToDictionary(t => t, Snake);

    private static readonly Dictionary<string, LedgerEntryType> Types = Names.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    public static string Name(LedgerEntryType type) => Names[type];

    /// <summary>The type a stored name stands for; throws on a name no type has.</summary>
    public static LedgerEntryType Parse(string name) =>
        Types.TryGetValue(name, out var type) ? type : throw new FormatException($"Unknown ledger entry type '{name}'.");

    private static string Snake(LedgerEntryType type)
    {
        var name = type.ToString();
        var snake = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) snake.Append('_');
            snake.Append(char.ToLowerInvariant(name[i]));
        }
        return snake.ToString();
    }
}
