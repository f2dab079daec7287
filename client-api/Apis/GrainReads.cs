using Polly;
using Polly.Registry;

namespace Juicebox.ClientApi.Apis;

/// <summary>
/// Runs read-only grain calls through the <c>grain-reads</c> pipeline, which retries them while
/// the cluster moves grains off a silo that left or died. Only reads go through it: they are safe to repeat.
/// </summary>
public sealed class GrainReads(IGrainFactory grains, ResiliencePipelineProvider<string> pipelines)
{
    public const string PipelineName = "grain-reads";

    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(PipelineName);

    public async Task<T> ReadAsync<T>(Func<IGrainFactory, Task<T>> call, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(async _ => await call(grains), cancellationToken);
}
