using Juicebox.GrainInterfaces.Enrichment;

namespace Juicebox.Cluster.Tests.Enrichment;

internal static class EnrichmentJobs
{
    public static async Task<EnrichmentJobProgress> WaitForAsync(
        IEnrichmentCoordinatorGrain coordinator, Guid jobId, Func<EnrichmentJobProgress, bool> condition, string awaited, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        EnrichmentJobProgress? progress = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            progress = await coordinator.GetProgressAsync(jobId);
            if (progress is not null && condition(progress))
            {
                return progress;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Waited {timeout} for {awaited} (job {jobId}); last progress: {progress}");
    }

    public static int Delta(Dictionary<string, int> before, Dictionary<string, int> after, string key) =>
        after.GetValueOrDefault(key) - before.GetValueOrDefault(key);
}
