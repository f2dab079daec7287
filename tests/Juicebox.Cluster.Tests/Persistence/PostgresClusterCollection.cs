namespace Juicebox.Cluster.Tests.Persistence;

/// <summary>Tests that share one PostgreSQL-backed cluster; each uses its own grain keys.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "PostgreSQL cluster";
}
