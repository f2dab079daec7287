using System.Diagnostics;
using Juicebox.ClientApi.Hosting;
using Orleans.Runtime;
using Polly;
using Polly.Registry;

namespace Juicebox.ClientApi.Apis;

/// <summary>
/// Runs read-only grain calls through the <c>grain-reads</c> pipeline, which retries them while
/// the cluster moves grains off a silo that left or died (see <see cref="ReadRetryOptions"/>).
/// Only reads go through it: they are safe to repeat. The first attempt runs on its own, since a
/// healthy cluster answers it; only a failed one hands the read to the pipeline, after the first delay.
/// </summary>
public sealed class GrainReads(IGrainFactory grains, ResiliencePipelineProvider<string> pipelines, IOptions<ReadRetryOptions> options)
{
    public const string PipelineName = "grain-reads";

    /// <summary>When the first attempt of a read started (<see cref="Stopwatch"/> ticks), for the retry window.</summary>
    internal static readonly ResiliencePropertyKey<long> StartedAt = new("juicebox.read-started-at");

    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(PipelineName);
    private readonly TimeSpan _attemptTimeout = options.Value.AttemptTimeout;
    private readonly TimeSpan _firstDelay = options.Value.FirstDelay;

    public Task<T> ReadAsync<T>(Func<IGrainFactory, Task<T>> call, CancellationToken cancellationToken) =>
        ReadAsync(call, static (grains, call) => call(grains), cancellationToken);

    /// <summary>
    /// As <see cref="ReadAsync{TState, T}"/>, with Orleans' request context left empty for the call (here only: the
    /// caller's own context is untouched), so the call and its answer carry no context dictionary for Orleans to copy
    /// and serialize. The call passes what the grain needs of the context, the correlation id, as an argument.
    /// </summary>
    public Task<T> ReadWithoutRequestContextAsync<TState, T>(TState state, Func<IGrainFactory, TState, Task<T>> call, CancellationToken cancellationToken)
    {
        // An async method's changes to the execution context do not reach its caller, so the clearing stays in ReadAsync's.
        return ReadAsync(
            (state, call),
            static (grains, read) =>
            {
                RequestContext.Clear();
                return read.call(grains, read.state);
            },
            cancellationToken);
    }

    /// <summary>As the other overload, for a hot path: <paramref name="state"/> reaches a static <paramref name="call"/>, so no closure is made per read.</summary>
    public async Task<T> ReadAsync<TState, T>(TState state, Func<IGrainFactory, TState, Task<T>> call, CancellationToken cancellationToken)
    {
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            return await call(grains, state).WaitAsync(_attemptTimeout, cancellationToken);
        }
        catch (Exception exception) when (ClusterFailures.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_firstDelay, cancellationToken);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StartedAt, startedAt);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (attempt, read) => await read.call(read.grains, read.state).WaitAsync(read.timeout, attempt.CancellationToken),
                context,
                (call, state, grains, timeout: _attemptTimeout));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
