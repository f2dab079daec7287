using Juicebox.Grains.Enrichment.Jobs;

namespace Juicebox.Cluster.Tests.Enrichment;

public sealed class InMemoryEnrichmentJobStoreTests : EnrichmentJobStoreContractTests
{
    protected override Task<IEnrichmentJobStore> CreateStoreAsync(int deleteBatchSize) =>
        Task.FromResult<IEnrichmentJobStore>(new InMemoryEnrichmentJobStore());
}
