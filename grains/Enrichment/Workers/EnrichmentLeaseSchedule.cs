namespace Juicebox.Grains.Enrichment.Workers;

/// <summary>How long a worker's hold on a queued request lasts, and how often the worker renews it.</summary>
internal sealed record EnrichmentLeaseSchedule(TimeSpan LeaseFor, TimeSpan RenewEvery)
{
    // TODO(lead): read the enrichment queue's visibility timeout once the PostgreSQL stream provider is merged.
    public static EnrichmentLeaseSchedule For(IServiceProvider services) =>
        new(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(20));
}
