using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>The enrichment and operator endpoints of a client-api, as an HTTP caller uses them.</summary>
public static class EnrichmentApiClientExtensions
{
    /// <summary><c>POST /api/v1/enrichments</c>; throws unless the job was accepted (202).</summary>
    public static async Task<EnrichmentJobAccepted> SubmitEnrichmentJobAsync(
        this HttpClient api, IReadOnlyList<string> profileIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);

        using var response = await api.PostAsJsonAsync("api/v1/enrichments", new { profileIds }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"The job was not accepted: {(int)response.StatusCode} {body}");
        }

        return JsonSerializer.Deserialize<EnrichmentJobAccepted>(body, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The 202 answer to a job had no body.");
    }

    /// <summary>
    /// <c>GET</c> of a job's status URL; null when the cluster could not answer (a 503, or no answer at
    /// all), as happens while it recovers from a lost silo. Any other failure throws.
    /// </summary>
    public static Task<EnrichmentJobStatus?> TryGetEnrichmentJobAsync(this HttpClient api, string statusUrl, CancellationToken cancellationToken) =>
        TryGetAsync<EnrichmentJobStatus>(api, statusUrl, cancellationToken);

    /// <summary><c>GET /api/v1/operator/enrichment/queue</c> (needs the operator key); null as for <see cref="TryGetEnrichmentJobAsync"/>.</summary>
    public static Task<EnrichmentQueueSnapshot?> TryGetEnrichmentQueueAsync(this HttpClient operatorApi, CancellationToken cancellationToken) =>
        TryGetAsync<EnrichmentQueueSnapshot>(operatorApi, "api/v1/operator/enrichment/queue", cancellationToken);

    /// <summary><c>GET /api/v1/operator/enrichment/dead-letters</c> (needs the operator key); null as for <see cref="TryGetEnrichmentJobAsync"/>.</summary>
    public static Task<DeadLetterPage?> TryGetEnrichmentDeadLettersAsync(this HttpClient operatorApi, CancellationToken cancellationToken) =>
        TryGetAsync<DeadLetterPage>(operatorApi, "api/v1/operator/enrichment/dead-letters?limit=1000", cancellationToken);

    private static async Task<T?> TryGetAsync<T>(HttpClient api, string path, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(api);

        try
        {
            using var response = await api.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative), cancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return null;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
            }

            return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)
                ?? throw new InvalidOperationException($"GET {path} answered 200 without a body.");
        }
        catch (Exception exception) when (
            exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}

/// <summary>The parts of a 202 answer to <c>POST /api/v1/enrichments</c> the tests use.</summary>
public sealed record EnrichmentJobAccepted(Guid JobId, int Accepted, string StatusUrl);

/// <summary>The parts of <c>GET /api/v1/enrichments/{jobId}</c> the tests use.</summary>
public sealed record EnrichmentJobStatus(
    Guid JobId,
    int Total,
    int Done,
    int Failed,
    int Skipped,
    int Pending,
    int Running,
    DateTimeOffset? FinishedAt)
{
    /// <summary>Profiles with an outcome: done, skipped or failed.</summary>
    public int Settled => Done + Skipped + Failed;

    public override string ToString() =>
        $"total {Total}: done {Done}, skipped {Skipped}, failed {Failed}, pending {Pending} (running {Running}), finished {FinishedAt?.ToString("O") ?? "no"}";
}

/// <summary>The parts of <c>GET /api/v1/operator/enrichment/queue</c> the tests use.</summary>
public sealed record EnrichmentQueueSnapshot(long Ready, long InFlight, long DeadLetters, IReadOnlyList<EnrichmentWorkerSnapshot> Workers);

/// <summary>One partition's worker in an <see cref="EnrichmentQueueSnapshot"/>.</summary>
public sealed record EnrichmentWorkerSnapshot(int Partition, EnrichmentBacklogSnapshot Backlog);

/// <summary>What one worker holds.</summary>
public sealed record EnrichmentBacklogSnapshot(int PendingProfiles, int HeldMessages);

/// <summary>The parts of <c>GET /api/v1/operator/enrichment/dead-letters</c> the tests use.</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetterSnapshot> Items);

/// <summary>One dead letter.</summary>
public sealed record DeadLetterSnapshot(long MessageId, string Partition, IReadOnlyList<string> ProfileIds, int Attempts, string Reason);
