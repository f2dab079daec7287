namespace Juicebox.Grains.Clients;

/// <summary>
/// Where clients' enrichment reservations are kept: one row per submission, charged what it reserved
/// until the refunds of its job's skipped and failed profiles are applied.
/// </summary>
public interface IClientUsageStore
{
    /// <summary>
    /// Atomically reserves up to <paramref name="wanted"/> of what <paramref name="allowance"/> leaves of
    /// <paramref name="month"/>, over every host; returns how many (0: nothing was stored).
    /// </summary>
    Task<int> ReserveAsync(string client, DateOnly month, Guid reservationId, int wanted, int allowance, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Links a reservation to the job it paid for, so that its refunds can be read from the job.</summary>
    Task AttachJobAsync(string client, DateOnly month, Guid reservationId, Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Drops a reservation whose job was never queued.</summary>
    Task ReleaseAsync(string client, DateOnly month, Guid reservationId, CancellationToken cancellationToken = default);

    /// <summary>The month's reservations whose job may still refund something.</summary>
    Task<IReadOnlyList<ClientReservation>> GetUnsettledAsync(string client, DateOnly month, CancellationToken cancellationToken = default);

    /// <summary>Sets what a reservation is charged; a settled one is never looked at again.</summary>
    Task SetChargeAsync(string client, DateOnly month, Guid reservationId, int charged, bool settled, CancellationToken cancellationToken = default);

    /// <summary>What the month's reservations are charged in all.</summary>
    Task<int> GetChargedAsync(string client, DateOnly month, CancellationToken cancellationToken = default);
}

/// <summary>One unsettled reservation: what it reserved, what it is charged now, and its job (null until attached).</summary>
public sealed record ClientReservation(Guid ReservationId, Guid? JobId, int Reserved, int Charged);
