namespace Inventory.Domain.Catalog;

/// <summary>
/// Collects every problem of a definition, per field, so a client learns all of them at once. Becomes one
/// VALIDATION_FAILED failure whose details hold <c>errors: { field: [messages] }</c>.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
            _errors[field] = messages = [];
        messages.Add(message);
    }

    /// <summary>Adds <paramref name="message"/> when <paramref name="condition"/> is false.</summary>
    public void Require(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
    }

    public Failure ToFailure(string message = "The request is not valid.") =>
        new(ErrorCodes.ValidationFailed, message, new Dictionary<string, object?>
        {
            ["errors"] = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
        });
}
