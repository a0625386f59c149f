using System.Text.Json;
using Inventory.Domain.Reservations;
using Inventory.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Grains;

/// <summary>
/// Reservation records as column arrays for one INSERT/UPDATE ... FROM unnest(...): the one place that knows how a
/// record maps to the reservations table's columns (the reservation store's saves and the position commit, which
/// stores a single-line checkout's record with its line).
/// </summary>
internal sealed class ReservationRows(int capacity)
{
    /// <summary>The columns of <see cref="Source"/>, in order.</summary>
    public const string Columns = "id, status, lines, expires_at, created_at, updated_at, reference, created_by, shortages";

    private readonly List<string> _id = new(capacity);
    private readonly List<string> _status = new(capacity);
    private readonly List<string> _lines = new(capacity);
    private readonly List<DateTime> _expiresAt = new(capacity);
    private readonly List<DateTime> _createdAt = new(capacity);
    private readonly List<DateTime> _updatedAt = new(capacity);
    private readonly List<string?> _reference = new(capacity);
    private readonly List<string> _createdBy = new(capacity);
    private readonly List<string?> _shortages = new(capacity);

    public int Count => _id.Count;

    public void Add(ReservationRecord record)
    {
        _id.Add(record.Id);
        _status.Add(StatusName(record.Status));
        _lines.Add(JsonSerializer.Serialize(record.Lines, StoredJson.Options));
        _expiresAt.Add(record.ExpiresAt.UtcDateTime);
        _createdAt.Add(record.CreatedAt.UtcDateTime);
        _updatedAt.Add(record.UpdatedAt.UtcDateTime);
        _reference.Add(record.Reference);
        _createdBy.Add(record.CreatedBy);
        _shortages.Add(record.Shortages is null ? null : JsonSerializer.Serialize(record.Shortages, StoredJson.Options));
    }

    public static string StatusName(ReservationStatusValue status) => status.ToString().ToLowerInvariant();

    /// <summary>The nine array parameters for an unnest(...) of <see cref="Columns"/>, numbered from <paramref name="first"/>.</summary>
    public static string Arrays(int first)
    {
        string[] types = ["text", "text", "jsonb", "timestamptz", "timestamptz", "timestamptz", "text", "text", "jsonb"];
        return string.Join(", ", types.Select((t, i) => $"${first + i}::{t}[]"));
    }

    public void AddParameters(NpgsqlParameterCollection p)
    {
        p.Add(ArrayParameter.Of(_id, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_status, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_lines, NpgsqlDbType.Jsonb));
        p.Add(ArrayParameter.Of(_expiresAt, NpgsqlDbType.TimestampTz));
        p.Add(ArrayParameter.Of(_createdAt, NpgsqlDbType.TimestampTz));
        p.Add(ArrayParameter.Of(_updatedAt, NpgsqlDbType.TimestampTz));
        p.Add(ArrayParameter.Of(_reference, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_createdBy, NpgsqlDbType.Text));
        p.Add(ArrayParameter.Of(_shortages, NpgsqlDbType.Jsonb));
    }
}
