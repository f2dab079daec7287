using Npgsql;

namespace Juicebox.Testing;

/// <summary>Reads Orleans' membership table in PostgreSQL: which silos of a cluster joined, and their status.</summary>
public static class ClusterMembership
{
    /// <summary>The row of every silo that ever joined cluster <paramref name="clusterId"/>; none before the schema exists.</summary>
    public static async Task<IReadOnlyList<SiloMembership>> ReadAsync(string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT port, generation, status FROM orleansmembershiptable WHERE deploymentid = @cluster",
            connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        List<SiloMembership> members = [];
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                members.Add(new SiloMembership(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
            }
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No host has migrated the schema yet.
        }

        return members;
    }

    /// <summary>
    /// Marks every silo of <paramref name="clusterId"/> the table lists as active dead: for silos a caller
    /// killed, so the next silo to start does not probe them until it may declare them dead itself.
    /// </summary>
    public static async Task DeclareActiveSilosDeadAsync(string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE orleansmembershiptable SET status = @dead WHERE deploymentid = @cluster AND status = @active",
            connection);
        command.Parameters.AddWithValue("dead", SiloMembership.DeadStatus);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("active", SiloMembership.ActiveStatus);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>One row of Orleans' membership table: a silo generation and its status.</summary>
public sealed record SiloMembership(int Port, int Generation, int Status)
{
    // Orleans' SiloStatus values, as the schema stores them.
    internal const int ActiveStatus = 3;
    internal const int DeadStatus = 6;

    public bool IsActive => Status == ActiveStatus;

    public bool IsDead => Status == DeadStatus;
}
