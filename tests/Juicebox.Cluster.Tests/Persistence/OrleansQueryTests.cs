using Juicebox.Grains.Persistence;
using Juicebox.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Juicebox.Cluster.Tests.Persistence;

/// <summary>
/// Runs the stored Orleans queries directly, the way the ADO.NET providers call them, for the
/// cases a running cluster rarely produces: races and clean-up.
/// </summary>
public sealed class OrleansQueryTests(PostgresFixture postgres)
{
    [Fact]
    public async Task WriteToStorage_TwoFirstWritesOfTheSameGrain_SecondIsAConflictAndOneRowRemains()
    {
        var connectionString = await MigratedDatabaseAsync();
        var write = await TestDatabase.OrleansQueryAsync(connectionString, "WriteToStorageKey");

        var first = await WriteAsync(connectionString, write, version: null, payload: "{\"Value\":\"a\"}");
        var second = await WriteAsync(connectionString, write, version: null, payload: "{\"Value\":\"b\"}");

        Assert.Equal(1, first);
        Assert.Null(second);
        var payloads = await TestDatabase.QueryAsync(
            connectionString,
            "SELECT convert_from(payloadbinary, 'UTF8') FROM orleansstorage",
            r => r.GetString(0));
        Assert.Equal(["{\"Value\":\"a\"}"], payloads);
    }

    [Fact]
    public async Task WriteToStorage_WithAStaleVersion_ReturnsTheVersionGivenAndLeavesTheRow()
    {
        var connectionString = await MigratedDatabaseAsync();
        var write = await TestDatabase.OrleansQueryAsync(connectionString, "WriteToStorageKey");
        await WriteAsync(connectionString, write, version: null, payload: "{}");
        Assert.Equal(2, await WriteAsync(connectionString, write, version: 1, payload: "{\"n\":2}"));

        var stale = await WriteAsync(connectionString, write, version: 1, payload: "{\"n\":3}");

        Assert.Equal(1, stale);
        Assert.Equal(
            (2, "{\"n\":2}"),
            await TestDatabase.SingleAsync(
                connectionString,
                "SELECT version, convert_from(payloadbinary, 'UTF8') FROM orleansstorage",
                r => (r.GetInt32(0), r.GetString(1))));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesOnlyDeadSilosOlderThanTheCutoff()
    {
        var connectionString = await MigratedDatabaseAsync();
        await TestDatabase.ExecuteAsync(
            connectionString,
            """
            INSERT INTO orleansmembershipversiontable (deploymentid) VALUES ('c1');
            INSERT INTO orleansmembershiptable
                (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
            VALUES
                ('c1', '10.0.0.1', 11111, 1, 'old-dead',   'h', 6, 0, now() - interval '3 days', now() - interval '2 days'),
                ('c1', '10.0.0.2', 11111, 1, 'old-active', 'h', 3, 0, now() - interval '3 days', now() - interval '2 days'),
                ('c1', '10.0.0.3', 11111, 1, 'new-dead',   'h', 6, 0, now() - interval '1 hour', now() - interval '1 hour');
            """);
        var cleanup = await TestDatabase.OrleansQueryAsync(connectionString, "CleanupDefunctSiloEntriesKey");

        await TestDatabase.ExecuteAsync(
            connectionString,
            cleanup,
            new NpgsqlParameter("DeploymentId", "c1"),
            new NpgsqlParameter("IAmAliveTime", NpgsqlDbType.TimestampTz) { Value = DateTime.UtcNow.AddDays(-1) });

        var remaining = await TestDatabase.QueryAsync(
            connectionString,
            "SELECT siloname FROM orleansmembershiptable ORDER BY siloname",
            r => r.GetString(0));
        Assert.Equal(["new-dead", "old-active"], remaining);
    }

    [Fact]
    public async Task InsertMembership_WithAStaleTableVersion_InsertsNothingAndKeepsTheVersion()
    {
        var connectionString = await MigratedDatabaseAsync();
        await TestDatabase.ExecuteAsync(
            connectionString, "INSERT INTO orleansmembershipversiontable (deploymentid, version) VALUES ('c1', 5)");
        var insert = await TestDatabase.OrleansQueryAsync(connectionString, "InsertMembershipKey");

        var inserted = await TestDatabase.SingleAsync(
            connectionString,
            insert,
            r => r.GetInt32(0),
            [.. MemberParameters(), new NpgsqlParameter("Version", 4)]);

        Assert.Equal(0, inserted);
        Assert.Equal(
            (0L, 5),
            await TestDatabase.SingleAsync(
                connectionString,
                "SELECT (SELECT count(*) FROM orleansmembershiptable), version FROM orleansmembershipversiontable",
                r => (r.GetInt64(0), r.GetInt32(1))));
    }

    [Fact]
    public async Task InsertMembership_AtTheCurrentVersion_InsertsTheSiloAndBumpsTheVersion()
    {
        var connectionString = await MigratedDatabaseAsync();
        await TestDatabase.ExecuteAsync(
            connectionString, "INSERT INTO orleansmembershipversiontable (deploymentid, version) VALUES ('c1', 5)");
        var insert = await TestDatabase.OrleansQueryAsync(connectionString, "InsertMembershipKey");

        var first = await TestDatabase.SingleAsync(
            connectionString, insert, r => r.GetInt32(0), [.. MemberParameters(), new NpgsqlParameter("Version", 5)]);
        var again = await TestDatabase.SingleAsync(
            connectionString, insert, r => r.GetInt32(0), [.. MemberParameters(), new NpgsqlParameter("Version", 6)]);

        Assert.Equal((1, 0), (first, again));
        Assert.Equal(
            (1L, 6),
            await TestDatabase.SingleAsync(
                connectionString,
                "SELECT (SELECT count(*) FROM orleansmembershiptable), version FROM orleansmembershipversiontable",
                r => (r.GetInt64(0), r.GetInt32(1))));
    }

    private static NpgsqlParameter[] MemberParameters() =>
    [
        new("DeploymentId", "c1"),
        new("Address", "10.0.0.1"),
        new("Port", 11111),
        new("Generation", 7),
        new("SiloName", "silo"),
        new("HostName", "host"),
        new("Status", 1),
        new("ProxyPort", 30000),
        new("StartTime", NpgsqlDbType.TimestampTz) { Value = DateTime.UtcNow },
        new("IAmAliveTime", NpgsqlDbType.TimestampTz) { Value = DateTime.UtcNow },
    ];

    private static Task<int?> WriteAsync(string connectionString, string write, int? version, string payload) =>
        TestDatabase.SingleAsync(
            connectionString,
            write,
            r => r.IsDBNull(0) ? (int?)null : r.GetInt32(0),
            new NpgsqlParameter("GrainIdHash", 42),
            new NpgsqlParameter<long>("GrainIdN0", 0L),
            new NpgsqlParameter<long>("GrainIdN1", 0L),
            new NpgsqlParameter("GrainTypeHash", 7),
            new NpgsqlParameter("GrainTypeString", "state"),
            new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = DBNull.Value },
            new NpgsqlParameter("ServiceId", "service"),
            new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = (object?)version ?? DBNull.Value },
            new NpgsqlParameter("PayloadBinary", System.Text.Encoding.UTF8.GetBytes(payload)));

    private async Task<string> MigratedDatabaseAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await SchemaMigrator.MigrateAsync(dataSource, NullLogger.Instance, TestContext.Current.CancellationToken);
        return connectionString;
    }
}
