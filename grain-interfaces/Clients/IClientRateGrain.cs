namespace Juicebox.GrainInterfaces.Clients;

/// <summary>
/// One API client's request rate over every client-api replica, keyed by the client's name: a fixed
/// window per UTC minute whose permits replicas lease in small batches, so a request does not call
/// this grain each time. Held in memory only: a window lost with its silo starts afresh.
/// </summary>
[Alias("Juicebox.IClientRateGrain")]
public interface IClientRateGrain : IGrainWithStringKey
{
    /// <summary>Up to <paramref name="wanted"/> permits of the current minute, out of <paramref name="limitPerMinute"/>.</summary>
    [Alias("LeaseAsync")]
    Task<ClientRateLease> LeaseAsync(int wanted, int limitPerMinute);

    /// <summary>Permits leased in the current minute (an upper bound of the requests admitted in it).</summary>
    [Alias("GetLeasedThisMinuteAsync")]
    Task<int> GetLeasedThisMinuteAsync();
}

/// <summary>Permits granted (possibly none) and the end of the minute they belong to.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ClientRateLease")]
public sealed record class ClientRateLease([property: Id(0)] int Granted, [property: Id(1)] DateTimeOffset WindowEnd);
