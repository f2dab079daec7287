using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Juicebox.EndToEnd.Tests.Faults;

/// <summary>What a submit answered: the status, whether it said when to retry, and the job when accepted.</summary>
public sealed record SubmitOutcome(HttpStatusCode? Status, bool HasRetryAfter, string? ProblemType, EnrichmentJobAccepted? Job, string Detail)
{
    public bool IsAccepted => Status == HttpStatusCode.Accepted && Job is not null;

    public override string ToString() => $"{(Status is { } status ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")} "
        + $"retry-after={HasRetryAfter} problem={ProblemType ?? "-"} {Detail}";
}

/// <summary>What one request to a route answered: its status, whether it said when to retry, and its problem document.</summary>
public sealed record RouteOutcome(string Route, HttpStatusCode? Status, bool HasRetryAfter, string? MediaType, int? ProblemStatus, string? ProblemType, string Detail)
{
    /// <summary>503 with <c>Retry-After</c> and a problem document that says 503 too.</summary>
    public bool IsRetryLater => Status == HttpStatusCode.ServiceUnavailable && HasRetryAfter
        && MediaType == "application/problem+json" && ProblemStatus == 503;

    public override string ToString() => $"{Route}: {(Status is { } status ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")} "
        + $"retry-after={HasRetryAfter} {MediaType ?? "-"} problem={ProblemType ?? "-"} {Detail}";
}

/// <summary>Small probes of a client-api the fault tests take while something is broken.</summary>
public static class FaultProbes
{
    /// <summary>The status of <c>GET /health/ready</c>, or null when no answer came.</summary>
    public static async Task<HttpStatusCode?> ReadyStatusAsync(HttpClient api, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.GetAsync("health/ready", cancellationToken);
            return response.StatusCode;
        }
        catch (Exception exception) when (
            exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary><c>POST /api/v1/enrichments</c>, whatever it answers.</summary>
    public static async Task<SubmitOutcome> SubmitAsync(HttpClient api, IReadOnlyList<string> profileIds, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.PostAsJsonAsync("api/v1/enrichments", new { profileIds }, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            string? problemType = null;
            if (isProblem)
            {
                using var problem = JsonDocument.Parse(body);
                problemType = problem.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
            }

            var job = response.StatusCode == HttpStatusCode.Accepted
                ? JsonSerializer.Deserialize<EnrichmentJobAccepted>(body, JsonSerializerOptions.Web)
                : null;
            return new SubmitOutcome(response.StatusCode, response.Headers.RetryAfter is not null, problemType, job, body.Length > 300 ? body[..300] : body);
        }
        catch (Exception exception) when (
            exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new SubmitOutcome(null, false, null, null, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>Any request to any route, whatever it answers (a body, when given, is sent as JSON).</summary>
    public static async Task<RouteOutcome> RequestAsync(HttpClient api, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var route = $"{method} {path}";
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await api.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            int? problemStatus = null;
            string? problemType = null;
            if (mediaType == "application/problem+json")
            {
                using var problem = JsonDocument.Parse(text);
                problemStatus = problem.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : null;
                problemType = problem.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
            }

            return new RouteOutcome(route, response.StatusCode, response.Headers.RetryAfter is not null, mediaType, problemStatus, problemType, text.Length > 200 ? text[..200] : text);
        }
        catch (Exception exception) when (
            exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new RouteOutcome(route, null, false, null, null, null, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>Polls a job until it has finished; returns its last status.</summary>
    public static async Task<EnrichmentJobStatus> WaitUntilFinishedAsync(
        HttpClient api, EnrichmentJobAccepted job, TimeSpan timeout, CancellationToken cancellationToken)
    {
        EnrichmentJobStatus? last = null;
        try
        {
            await Eventually.WaitForAsync(
                async token => (last = await api.TryGetEnrichmentJobAsync(job.StatusUrl, token) ?? last)?.FinishedAt is not null,
                timeout,
                $"job {job.JobId} to finish",
                cancellationToken);
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message} Last status: {last?.ToString() ?? "none"}", timedOut);
        }

        return last!;
    }
}
