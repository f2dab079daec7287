using Juicebox.Testing;
using Npgsql;

namespace Juicebox.Cluster.Tests.Testing;

public sealed class PostgresServerTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Server_ListensOnLoopbackWithTheTestSettings()
    {
        await using var connection = new NpgsqlConnection(postgres.Server.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        var settings = new Dictionary<string, string>();
        foreach (var name in new[] { "listen_addresses", "max_connections", "fsync", "synchronous_commit", "full_page_writes" })
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", connection);
            settings[name] = (string)(await show.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["listen_addresses"] = "127.0.0.1",
                ["max_connections"] = "300",
                ["fsync"] = "off",
                ["synchronous_commit"] = "off",
                ["full_page_writes"] = "off",
            },
            settings);
        Assert.True(UnixProcessIsRunning(postgres.Server.ProcessId), "The recorded postmaster pid is not a running process.");
    }

    [Fact]
    public async Task CreateDatabaseAsync_GivesEachCallerItsOwnDatabase()
    {
        var first = await postgres.CreateDatabaseAsync();
        var second = await postgres.CreateDatabaseAsync();

        var firstName = new NpgsqlConnectionStringBuilder(first).Database;
        var secondName = new NpgsqlConnectionStringBuilder(second).Database;
        Assert.NotEqual(firstName, secondName);
        await using var connection = new NpgsqlConnection(second);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var current = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal(secondName, await current.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CreateDatabaseAsync_RejectsNamesThatAreNotPlainIdentifiers()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => postgres.CreateDatabaseAsync("bad\"; DROP DATABASE postgres; --"));
    }

    private static bool UnixProcessIsRunning(int pid) => pid > 0 && Directory.Exists($"/proc/{pid}");
}
