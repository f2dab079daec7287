using System.Collections.Concurrent;
using Juicebox.Grains.Clients;

namespace Juicebox.Cluster.Tests.Clients;

/// <summary>
/// The real usage store, except that for the clients a test names, linking a job to its reservation
/// goes to a database that is not there (a PostgreSQL store on a loopback port nobody listens on): the
/// database lost just after the coordinator accepted the job, the driver's own failure included.
/// </summary>
public sealed class ClientUsageStoreWithLostLinks(IClientUsageStore inner, IClientUsageStore absent) : IClientUsageStore
{
    private readonly ConcurrentDictionary<string, int> _losing = new(StringComparer.Ordinal);

    /// <summary>From now on, every link of <paramref name="client"/>'s jobs meets the absent database.</summary>
    public void LoseLinksOf(string client) => _losing[client] = 0;

    /// <summary>How many links of <paramref name="client"/>'s jobs went to the absent database.</summary>
    public int LostLinks(string client) => _losing.GetValueOrDefault(client);

    public Task<int> ReserveAsync(string client, DateOnly month, Guid reservationId, int wanted, int allowance, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.ReserveAsync(client, month, reservationId, wanted, allowance, now, cancellationToken);

    public Task AttachJobAsync(string client, DateOnly month, Guid reservationId, Guid jobId, CancellationToken cancellationToken = default)
    {
        if (!_losing.ContainsKey(client))
        {
            return inner.AttachJobAsync(client, month, reservationId, jobId, cancellationToken);
        }

        _losing.AddOrUpdate(client, 1, (key, lost) => lost + 1);
        return absent.AttachJobAsync(client, month, reservationId, jobId, cancellationToken);
    }

    public Task ReleaseAsync(string client, DateOnly month, Guid reservationId, CancellationToken cancellationToken = default) =>
        inner.ReleaseAsync(client, month, reservationId, cancellationToken);

    public Task<IReadOnlyList<ClientReservation>> GetUnsettledAsync(string client, DateOnly month, CancellationToken cancellationToken = default) =>
        inner.GetUnsettledAsync(client, month, cancellationToken);

    public Task SetChargeAsync(string client, DateOnly month, Guid reservationId, int charged, bool settled, CancellationToken cancellationToken = default) =>
        inner.SetChargeAsync(client, month, reservationId, charged, settled, cancellationToken);

    public Task<int> GetChargedAsync(string client, DateOnly month, CancellationToken cancellationToken = default) =>
        inner.GetChargedAsync(client, month, cancellationToken);
}
