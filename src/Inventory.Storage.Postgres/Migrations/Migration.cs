namespace Inventory.Storage.Postgres;

/// <summary>One versioned SQL script (Migrations/NNNN_name.sql, embedded in this assembly).</summary>
public sealed class Migration
{
    internal Migration(int version, string name, string sql)
    {
        Version = version;
        Name = name;
        Sql = sql;
    }

    public int Version { get; }

    public string Name { get; }

    public string Sql { get; }

    public override string ToString() => $"{Version:D4}_{Name}";
}
