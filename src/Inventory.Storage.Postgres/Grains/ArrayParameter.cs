using Npgsql;
using NpgsqlTypes;

namespace Inventory.Storage.Postgres.Grains;

/// <summary>One column of a batched statement: the values of every row as one array parameter, for unnest(...).</summary>
internal static class ArrayParameter
{
    public static NpgsqlParameter Of<T>(List<T> values, NpgsqlDbType type) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };
}
