namespace Juicebox.Grains.Clients;

/// <summary>The usage store of Embedded mode: gone with the process, like everything else there.</summary>
public sealed class InMemoryClientUsageStore : IClientUsageStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Client, DateOnly Month), Dictionary<Guid, Row>> _rows = [];

    public Task<int> ReserveAsync(string client, DateOnly month, Guid reservationId, int wanted, int allowance, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var rows = Rows(client, month);
            var granted = Math.Min(wanted, Math.Max(0, allowance - rows.Values.Sum(row => row.Charged)));
            if (granted > 0)
            {
                rows[reservationId] = new Row(null, granted, granted, Settled: false);
            }

            return Task.FromResult(granted);
        }
    }

    public Task AttachJobAsync(string client, DateOnly month, Guid reservationId, Guid jobId, CancellationToken cancellationToken = default) =>
        Update(client, month, reservationId, row => row with { JobId = jobId });

    public Task ReleaseAsync(string client, DateOnly month, Guid reservationId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Rows(client, month).Remove(reservationId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ClientReservation>> GetUnsettledAsync(string client, DateOnly month, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<ClientReservation> unsettled = [.. Rows(client, month)
                .Where(pair => !pair.Value.Settled)
                .Select(pair => new ClientReservation(pair.Key, pair.Value.JobId, pair.Value.Reserved, pair.Value.Charged))];
            return Task.FromResult(unsettled);
        }
    }

    public Task SetChargeAsync(string client, DateOnly month, Guid reservationId, int charged, bool settled, CancellationToken cancellationToken = default) =>
        Update(client, month, reservationId, row => row.Settled ? row : row with { Charged = Math.Clamp(charged, 0, row.Reserved), Settled = settled });

    public Task<int> GetChargedAsync(string client, DateOnly month, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(Rows(client, month).Values.Sum(row => row.Charged));
        }
    }

    private Task Update(string client, DateOnly month, Guid reservationId, Func<Row, Row> change)
    {
        lock (_lock)
        {
            var rows = Rows(client, month);
            if (rows.TryGetValue(reservationId, out var row))
            {
                rows[reservationId] = change(row);
            }
        }

        return Task.CompletedTask;
    }

    private Dictionary<Guid, Row> Rows(string client, DateOnly month)
    {
        if (!_rows.TryGetValue((client, month), out var rows))
        {
            rows = [];
            _rows[(client, month)] = rows;
        }

        return rows;
    }

    private sealed record Row(Guid? JobId, int Reserved, int Charged, bool Settled);
}
