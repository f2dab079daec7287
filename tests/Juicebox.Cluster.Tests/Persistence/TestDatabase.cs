using Npgsql;

namespace Juicebox.Cluster.Tests.Persistence;

/// <summary>Runs ad-hoc SQL against a test database, to arrange rows and to check what Orleans wrote.</summary>
internal static class TestDatabase
{
    public static async Task<List<T>> QueryAsync<T>(
        string connectionString,
        string sql,
        Func<NpgsqlDataReader, T> map,
        params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static async Task<T> SingleAsync<T>(
        string connectionString,
        string sql,
        Func<NpgsqlDataReader, T> map,
        params NpgsqlParameter[] parameters) =>
        Assert.Single(await QueryAsync(connectionString, sql, map, parameters));

    public static async Task<int> ExecuteAsync(string connectionString, string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The SQL Orleans would run for <paramref name="queryKey"/>, as stored in <c>orleansquery</c>.</summary>
    public static Task<string> OrleansQueryAsync(string connectionString, string queryKey) =>
        SingleAsync(
            connectionString,
            "SELECT querytext FROM orleansquery WHERE querykey = @key",
            reader => reader.GetString(0),
            new NpgsqlParameter("key", queryKey));
}
