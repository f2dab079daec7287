using Npgsql;

namespace PostgresStreams.Tests;

/// <summary>Looks at and arranges queue rows directly, on a connection of its own.</summary>
internal static class QueueSql
{
    /// <summary>The first column of the one row <paramref name="sql"/> returns.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params NpgsqlParameter[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken), $"No row from: {sql}");
        return reader.GetFieldValue<T>(0);
    }

    /// <summary>Runs <paramref name="sql"/>; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(string connectionString, string sql, params NpgsqlParameter[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
