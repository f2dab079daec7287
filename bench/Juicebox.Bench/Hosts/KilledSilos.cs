using Npgsql;

namespace Juicebox.Bench.Hosts;

/// <summary>
/// Tells the membership table that silos the benchmark killed are dead. Otherwise the fresh silo started
/// after them finds them still listed as active and probes them until it may declare them dead itself:
/// about 25 s per restart that measure nothing the figures report.
/// </summary>
internal static class KilledSilos
{
    // Orleans' SiloStatus values, as the membership table stores them.
    private const int Active = 3;
    private const int Dead = 6;

    public static async Task DeclareDeadAsync(string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE orleansmembershiptable SET status = @dead WHERE deploymentid = @cluster AND status = @active",
            connection);
        command.Parameters.AddWithValue("dead", Dead);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("active", Active);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
