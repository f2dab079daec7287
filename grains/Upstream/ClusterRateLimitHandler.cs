using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Juicebox.Client.Http;
using Juicebox.GrainInterfaces.Upstream;
using Juicebox.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Messaging;

namespace Juicebox.Grains.Upstream;

/// <summary>
/// Puts every metered upstream attempt through the cluster's <see cref="IUpstreamBudgetGrain"/>: asks
/// for a slot, waits for it here (the grain never waits), sends, and reports what the answer said
/// about the budget. It sits inside the client's resilience pipeline, so each retry asks again. A
/// refused call is not sent: it fails with <see cref="JuiceboxThrottledException"/>, which the
/// pipeline does not retry.
/// </summary>
internal sealed partial class ClusterRateLimitHandler(
    IGrainFactory grains,
    [FromKeyedServices(JuiceboxServiceKeys.UpstreamClock)] TimeProvider clock,
    JuiceboxMetrics metrics,
    IOptions<UpstreamBudgetOptions> options,
    ILogger<ClusterRateLimitHandler> logger) : DelegatingHandler
{
    /// <summary>Between two asks of a budget whose silo is failing over.</summary>
    private static readonly TimeSpan _budgetFailoverRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a caller waits before asking again when the budget itself did not answer.</summary>
    private static readonly TimeSpan _budgetUnavailableRetry = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long to wait for the budget's answer, which takes milliseconds when its silo is alive. Bounded
    /// so that a call to a silo that just died fails fast instead of holding the whole attempt.
    /// </summary>
    private static readonly TimeSpan _budgetAnswerTimeout = TimeSpan.FromSeconds(3);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = UpstreamCallScope.Current;
        if (!kind.Metered || request.IsAnonymous())
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var budget = grains.GetUpstreamBudgetGrain();
        var permit = await AcquireAsync(budget, kind, request, cancellationToken);
        if (!permit.Granted)
        {
            metrics.UpstreamThrottled(request.GetEndpoint(), kind.Priority, permit.QuotaExhausted ? "quota" : "pace");
            LogDenied(kind.Priority, permit.RetryAfter.TotalMilliseconds, permit.QuotaExhausted, permit.Reason);
            throw new JuiceboxThrottledException(permit.Reason ?? "The upstream budget has no room.", permit.RetryAfter, permit.QuotaExhausted);
        }

        if (permit.Delay > TimeSpan.Zero)
        {
            await Task.Delay(permit.Delay, clock, cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        await ReportAsync(budget, response, kind, cancellationToken);
        return response;
    }

    private async Task<UpstreamPermit> AcquireAsync(IUpstreamBudgetGrain budget, UpstreamCallKind kind, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A read may wait MaxInteractiveWait for its slot; it may as well spend that waiting for the
        // budget grain to come back when its silo died (the cluster declares it dead within seconds).
        // Real time, not the budget's clock: failure detection runs on real time.
        var failoverWait = kind.Priority == UpstreamCallPriority.Interactive ? options.Value.MaxInteractiveWait : TimeSpan.Zero;
        var asking = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await budget.AcquireAsync(kind.ToRequest()).WaitAsync(_budgetAnswerTimeout, cancellationToken);
            }
            catch (Exception exception) when (IsClusterFailure(exception) && asking.Elapsed + _budgetFailoverRetryDelay < failoverWait)
            {
                LogBudgetFailingOver(exception.GetType().Name, asking.Elapsed.TotalMilliseconds);
                await Task.Delay(_budgetFailoverRetryDelay, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw BudgetUnavailable(exception, request, kind);
            }
        }
    }

    private static bool IsClusterFailure(Exception exception) =>
        exception is OrleansMessageRejectionException or SiloUnavailableException or TimeoutException or ConnectionFailedException;

    private JuiceboxThrottledException BudgetUnavailable(Exception exception, HttpRequestMessage request, UpstreamCallKind kind)
    {
        // Sending without the budget could break the key's limit for the whole cluster, so the call
        // fails instead and is tried again shortly, by which time the grain is back.
        metrics.UpstreamThrottled(request.GetEndpoint(), kind.Priority, "budget_unavailable");
        LogBudgetUnavailable(exception);
        return new JuiceboxThrottledException(
            $"The cluster's upstream budget did not answer ({exception.GetType().Name}).", _budgetUnavailableRetry, quotaExhausted: false);
    }

    private async Task ReportAsync(IUpstreamBudgetGrain budget, HttpResponseMessage response, UpstreamCallKind kind, CancellationToken cancellationToken)
    {
        try
        {
            var headers = RateLimitHeaders.Read(response, clock);
            var errorCode = response.StatusCode == HttpStatusCode.TooManyRequests
                ? await ReadErrorCodeAsync(response, cancellationToken)
                : null;
            await budget.ReportAsync(new UpstreamObservation
            {
                StatusCode = (int)response.StatusCode,
                ErrorCode = errorCode,
                Limit = headers.Limit,
                Remaining = headers.Remaining,
                Reset = headers.Reset,
                RetryAfter = headers.RetryAfter,
                Enrichments = kind.Enrichments,
            });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The answer is the caller's whatever happens to the report; the budget learns from the next one.
            LogReportFailed(exception);
        }
    }

    /// <summary>
    /// The <c>error.code</c> of a 429, which tells a spent quota from the per-minute limit. The body is
    /// buffered first, so the client can still read it.
    /// </summary>
    private static async Task<string?> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                    ? code.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upstream call ({Priority}) not sent: retry in {RetryAfterMilliseconds:0} ms (quota exhausted: {QuotaExhausted}): {Reason}")]
    private partial void LogDenied(UpstreamCallPriority priority, double retryAfterMilliseconds, bool quotaExhausted, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster's upstream budget did not answer; the upstream call is not sent")]
    private partial void LogBudgetUnavailable(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The cluster's upstream budget did not answer ({ExceptionType}) after {ElapsedMilliseconds:0} ms; asking again while its silo fails over")]
    private partial void LogBudgetFailingOver(string exceptionType, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report an upstream answer to the cluster's upstream budget")]
    private partial void LogReportFailed(Exception exception);
}
