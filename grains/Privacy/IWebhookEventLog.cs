namespace Juicebox.Grains.Privacy;

/// <summary>
/// The ids of the webhook events already handled, so each is handled once: PostgreSQL in Cluster mode
/// (<see cref="PostgresWebhookEventLog"/>), memory in Embedded mode.
/// </summary>
public interface IWebhookEventLog
{
    /// <summary>Records the id; false when it was recorded before (by any silo).</summary>
    Task<bool> TryRecordAsync(string eventId, string type, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Forgets an id whose handling failed, so that the sender's retry is handled.</summary>
    Task ForgetAsync(string eventId, CancellationToken cancellationToken = default);
}
