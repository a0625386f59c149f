using Inventory.Domain;

namespace Inventory.Grains.Alerts;

/// <summary><see cref="IAlertStore"/> in memory, for tests and the demo host.</summary>
public sealed class InMemoryAlertStore : IAlertStore
{
    private readonly Lock _lock = new();
    private readonly List<Alert> _alerts = [];

    public Task<PositionAlerts> LoadPositionAsync(PositionKey position, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var mine = _alerts.Where(a => a.Warehouse == position.Warehouse && a.Sku == position.Sku).ToList();
            return Task.FromResult(new PositionAlerts(
                mine.Where(a => a.IsActive).ToDictionary(a => a.Kind),
                mine.GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Max(a => a.RaisedAt)),
                mine.Count == 0 ? 0 : mine.Max(a => Math.Max(a.RaisedSeq, a.ResolvedSeq ?? 0))));
        }
    }

    public Task<(Alert Alert, bool Raised)> RaiseAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var active = _alerts.FirstOrDefault(a => a.IsActive && a.Warehouse == alert.Warehouse && a.Sku == alert.Sku && a.Kind == alert.Kind);
            if (active is not null)
                return Task.FromResult((active, false));
            var stored = alert with { Id = _alerts.Count + 1, Status = AlertStatuses.Open };
            _alerts.Add(stored);
            return Task.FromResult((stored, true));
        }
    }

    public Task<Alert?> ResolveAsync(long id, DateTimeOffset at, long seq, CancellationToken cancellationToken = default) =>
        Update(id, a => a.IsActive ? a with { Status = AlertStatuses.Resolved, ResolvedAt = at, ResolvedSeq = seq } : null);

    public Task<Alert?> AcknowledgeAsync(long id, string user, string? note, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Update(id, a => a.IsActive ? a with { Status = AlertStatuses.Acknowledged, AcknowledgedAt = at, AcknowledgedBy = user, Note = note } : a);

    public Task<Alert?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_alerts.FirstOrDefault(a => a.Id == id));
    }

    public Task<IReadOnlyList<Alert>> ListAsync(AlertFilter filter, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<Alert> result = _alerts
                .Where(a => filter.Status switch
                {
                    null => true,
                    AlertStatuses.Active => a.IsActive,
                    var s => a.Status == s,
                })
                .Where(a => filter.Warehouse is null || a.Warehouse == filter.Warehouse)
                .Where(a => filter.Kind is null || a.Kind == filter.Kind)
                .Where(a => filter.Sku is null || a.Sku == filter.Sku)
                .OrderByDescending(a => a.Id)
                .Take(filter.Limit)
                .ToList();
            return Task.FromResult(result);
        }
    }

    private Task<Alert?> Update(long id, Func<Alert, Alert?> change)
    {
        lock (_lock)
        {
            var index = _alerts.FindIndex(a => a.Id == id);
            if (index < 0)
                return Task.FromResult<Alert?>(null);
            var changed = change(_alerts[index]);
            if (changed is null)
                return Task.FromResult<Alert?>(null);
            _alerts[index] = changed;
            return Task.FromResult<Alert?>(changed);
        }
    }
}
