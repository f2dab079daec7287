using System.Diagnostics;
using Juicebox.ClientApi.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polly;
using Polly.Retry;

namespace Juicebox.ClientApi.Apis;

/// <summary>Registers <see cref="GrainReads"/> and its retry pipeline.</summary>
internal static class GrainReadsServiceCollectionExtensions
{
    public static IServiceCollection AddGrainReads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReadRetryOptions>().Bind(configuration.GetSection(ReadRetryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReadRetryOptions>, ReadRetryOptionsValidator>());
        services.AddResiliencePipeline(GrainReads.PipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<ReadRetryOptions>>().Value;
            pipeline.AddRetry(new RetryStrategyOptions
            {
                // Bounded by time, not by count: a new attempt starts only within the window.
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Exception is { } exception
                    && ClusterFailures.IsTransient(exception)
                    && arguments.Context.Properties.TryGetValue(GrainReads.StartedAt, out var startedAt)
                    && Stopwatch.GetElapsedTime(startedAt) < options.Window),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.FirstDelay,
                MaxDelay = options.MaxDelay,
            });
        });
        services.AddSingleton<GrainReads>();
        return services;
    }
}
