using Juicebox.Client.Models;

namespace Juicebox.Client;

/// <summary>
/// A typed client for the Juicebox API. Every non-2xx answer is thrown as a
/// <see cref="Errors.JuiceboxApiException"/> (one subclass per error code); timeouts, an open circuit
/// and connection failures are thrown as <see cref="Errors.JuiceboxTransportException"/>.
/// </summary>
public interface IJuiceboxClient
{
    /// <summary><c>GET /health</c> (no auth).</summary>
    Task<JuiceboxResponse<HealthStatus>> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /auth/me</c>: the account, its plan, scopes and limits.</summary>
    Task<JuiceboxResponse<AccountInfo>> GetAccountAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /usage</c>: what the key has spent in the current periods.</summary>
    Task<JuiceboxResponse<UsageInfo>> GetUsageAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /search</c>: one page of results.</summary>
    Task<JuiceboxResponse<SearchResponse>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every result of a search, following <c>nextCursor</c> page by page until the last.</summary>
    IAsyncEnumerable<ProfileSummary> SearchAllAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>GET /profiles/{id}</c>; an unknown id throws <see cref="Errors.JuiceboxNotFoundException"/>.</summary>
    Task<JuiceboxResponse<Profile>> GetProfileAsync(string profileId, CancellationToken cancellationToken = default);

    /// <summary><c>POST /profiles/batch</c> with 1..100 ids.</summary>
    Task<JuiceboxResponse<ProfileBatch>> GetProfilesAsync(IReadOnlyCollection<string> profileIds, CancellationToken cancellationToken = default);

    /// <summary><c>POST /enrich</c> by profile id or LinkedIn URL; spends one enrichment.</summary>
    Task<JuiceboxResponse<EnrichedProfile>> EnrichAsync(EnrichRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>POST /enrich/batch</c> with 1..100 ids; spends one enrichment per profile found.</summary>
    Task<JuiceboxResponse<EnrichedProfileBatch>> EnrichBatchAsync(IReadOnlyCollection<string> profileIds, CancellationToken cancellationToken = default);
}
