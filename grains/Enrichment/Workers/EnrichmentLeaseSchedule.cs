using PostgresStreams;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Grains.Enrichment.Workers;

/// <summary>How long a worker's hold on a queued request lasts, and how often the worker renews it.</summary>
internal sealed record EnrichmentLeaseSchedule(TimeSpan LeaseFor, TimeSpan RenewEvery)
{
    /// <summary>Renews three times per visibility timeout, so one slow renewal does not lose the lease.</summary>
    public static EnrichmentLeaseSchedule For(IServiceProvider services)
    {
        var visibility = services.GetService<IOptionsMonitor<PostgresStreamOptions>>()?.Get(EnrichmentStream.ProviderName).VisibilityTimeout
            ?? new PostgresStreamOptions().VisibilityTimeout;
        return new(visibility, visibility / 3);
    }
}
