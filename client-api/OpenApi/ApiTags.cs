namespace Juicebox.ClientApi.OpenApi;

/// <summary>The tags that group the API's operations, with the description the document gives each.</summary>
public static class ApiTags
{
    public const string Profiles = "Profiles";
    public const string Enrichment = "Enrichment";
    public const string Search = "Search";
    public const string Operator = "Operator";
    public const string Webhooks = "Webhooks";

    /// <summary>Every tag's description; a tag used by an endpoint but missing here fails the document's lint.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Profiles] = "People's profiles: hot reads served by the cluster's profile grains (cached, fetched upstream at most once per freshness window) and local queries over the profiles the cluster has stored.",
        [Enrichment] = "Contact enrichment: one profile or a bulk job is accepted at once (202) and drained in the background at the pace the upstream plan allows; progress is polled or followed as server-sent events.",
        [Search] = "The upstream's people search, checked before it spends quota and cached in the cluster.",
        [Webhooks] = "Events Juicebox sends to this service (profile enriched, quota warning, key rotated), authenticated by their HMAC signature instead of an API key.",
        [Operator] = "For the people who run the cluster: the upstream budget, the enrichment queue and its dead letters, and the silos. Needs an operator key.",
    };
}
