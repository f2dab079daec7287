using Juicebox.Client.Configuration;
using Juicebox.Client.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Juicebox.Client.Resilience;

/// <summary>
/// The pipeline every Juicebox request runs through, outermost first: total timeout, retry,
/// circuit breaker, attempt timeout. Retries therefore see the breaker's rejections (and stop),
/// and the breaker counts every attempt that timed out.
/// </summary>
internal static class JuiceboxResiliencePipeline
{
    public const string Name = "juicebox";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        context.EnableReloads<JuiceboxOptions>();
        var options = context.GetOptions<JuiceboxOptions>().Resilience;
        var timeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        var tracker = context.ServiceProvider.GetRequiredService<JuiceboxCircuitTracker>();

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout });

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(CreateRetry(options, timeProvider));
        }

        builder.AddCircuitBreaker(CreateCircuitBreaker(options.CircuitBreaker, tracker));
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });
    }

    private static RetryStrategyOptions<HttpResponseMessage> CreateRetry(JuiceboxResilienceOptions options, TimeProvider timeProvider) => new()
    {
        Name = "retry",
        MaxRetryAttempts = options.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        ShouldHandle = args => ValueTask.FromResult(JuiceboxRetryDecision.ShouldRetry(
            args.Outcome,
            args.Context.GetRequestMessage().GetCallSafety(),
            RetryAfterOf(args.Outcome, timeProvider),
            options.MaxRetryAfter)),

        // The upstream's own wait wins over our backoff; ShouldRetry has already refused waits
        // beyond the cap, so whatever arrives here is honoured in full.
        DelayGenerator = args => ValueTask.FromResult(RetryAfterOf(args.Outcome, timeProvider)),
    };

    private static CircuitBreakerStrategyOptions<HttpResponseMessage> CreateCircuitBreaker(
        JuiceboxCircuitBreakerOptions options, JuiceboxCircuitTracker tracker) => new()
    {
        Name = "circuit-breaker",
        FailureRatio = options.FailureRatio,
        SamplingDuration = options.SamplingDuration,
        MinimumThroughput = options.MinimumThroughput,
        BreakDuration = options.BreakDuration,
        ShouldHandle = args => ValueTask.FromResult(JuiceboxRetryDecision.IsUpstreamFailure(args.Outcome)),
        OnOpened = args =>
        {
            tracker.Opened(args.BreakDuration);
            return ValueTask.CompletedTask;
        },
        OnClosed = args =>
        {
            tracker.Closed();
            return ValueTask.CompletedTask;
        },
    };

    private static TimeSpan? RetryAfterOf(Outcome<HttpResponseMessage> outcome, TimeProvider timeProvider) =>
        outcome.Result is { } response ? RateLimitHeaders.ReadRetryAfter(response, timeProvider) : null;
}
