using Inventory.TestSupport;

namespace Inventory.Storage.Postgres.Tests;

/// <summary>Test classes in this collection share one <see cref="PostgresFixture"/> server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
