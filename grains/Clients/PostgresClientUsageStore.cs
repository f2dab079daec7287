using Npgsql;

namespace Juicebox.Grains.Clients;

/// <summary>
/// The usage store of Cluster mode: table <c>juicebox_client_enrichment_usage</c> (schema migration 0008).
/// A reservation takes a transaction-scoped advisory lock on the client first, so that two hosts
/// reserving for one client at once cannot both spend what is left.
/// </summary>
public sealed class PostgresClientUsageStore(NpgsqlDataSource dataSource) : IClientUsageStore
{
    private const string LockClientSql = "SELECT pg_advisory_xact_lock(hashtextextended('juicebox_client_usage:' || @client, 0))";

    private const string ReserveSql =
        """
        INSERT INTO juicebox_client_enrichment_usage (client, month, reservation_id, job_id, reserved, charged, settled, created_at)
        SELECT @client, @month, @reservation_id, NULL, granted, granted, false, @now
        FROM (SELECT LEAST(@wanted, @allowance - COALESCE(sum(charged), 0))::integer AS granted
              FROM juicebox_client_enrichment_usage WHERE client = @client AND month = @month) AS left_over
        WHERE granted > 0
        ON CONFLICT (client, month, reservation_id) DO NOTHING
        RETURNING reserved
        """;

    private const string AttachJobSql =
        "UPDATE juicebox_client_enrichment_usage SET job_id = @job_id WHERE client = @client AND month = @month AND reservation_id = @reservation_id";

    private const string ReleaseSql =
        "DELETE FROM juicebox_client_enrichment_usage WHERE client = @client AND month = @month AND reservation_id = @reservation_id";

    private const string UnsettledSql =
        """
        SELECT reservation_id, job_id, reserved, charged FROM juicebox_client_enrichment_usage
        WHERE client = @client AND month = @month AND NOT settled
        ORDER BY created_at
        """;

    private const string SetChargeSql =
        """
        UPDATE juicebox_client_enrichment_usage SET charged = LEAST(GREATEST(@charged, 0), reserved), settled = @settled
        WHERE client = @client AND month = @month AND reservation_id = @reservation_id AND NOT settled
        """;

    private const string ChargedSql =
        "SELECT COALESCE(sum(charged), 0)::integer FROM juicebox_client_enrichment_usage WHERE client = @client AND month = @month";

    public async Task<int> ReserveAsync(string client, DateOnly month, Guid reservationId, int wanted, int allowance, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockClient = new NpgsqlCommand(LockClientSql, connection, transaction))
        {
            lockClient.Parameters.Add(new NpgsqlParameter<string>("client", client));
            await lockClient.ExecuteNonQueryAsync(cancellationToken);
        }

        int granted;
        await using (var reserve = new NpgsqlCommand(ReserveSql, connection, transaction))
        {
            AddKey(reserve, client, month, reservationId);
            reserve.Parameters.Add(new NpgsqlParameter<int>("wanted", wanted));
            reserve.Parameters.Add(new NpgsqlParameter<int>("allowance", allowance));
            reserve.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
            granted = await reserve.ExecuteScalarAsync(cancellationToken) is int reserved ? reserved : 0;
        }

        await transaction.CommitAsync(cancellationToken);
        return granted;
    }

    public async Task AttachJobAsync(string client, DateOnly month, Guid reservationId, Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(AttachJobSql);
        AddKey(command, client, month, reservationId);
        command.Parameters.Add(new NpgsqlParameter<Guid>("job_id", jobId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(string client, DateOnly month, Guid reservationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ReleaseSql);
        AddKey(command, client, month, reservationId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ClientReservation>> GetUnsettledAsync(string client, DateOnly month, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UnsettledSql);
        command.Parameters.Add(new NpgsqlParameter<string>("client", client));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("month", month));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<ClientReservation> reservations = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            reservations.Add(new ClientReservation(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetGuid(1),
                reader.GetInt32(2),
                reader.GetInt32(3)));
        }

        return reservations;
    }

    public async Task SetChargeAsync(string client, DateOnly month, Guid reservationId, int charged, bool settled, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(SetChargeSql);
        AddKey(command, client, month, reservationId);
        command.Parameters.Add(new NpgsqlParameter<int>("charged", charged));
        command.Parameters.Add(new NpgsqlParameter<bool>("settled", settled));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> GetChargedAsync(string client, DateOnly month, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ChargedSql);
        command.Parameters.Add(new NpgsqlParameter<string>("client", client));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("month", month));
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void AddKey(NpgsqlCommand command, string client, DateOnly month, Guid reservationId)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("client", client));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("month", month));
        command.Parameters.Add(new NpgsqlParameter<Guid>("reservation_id", reservationId));
    }
}
