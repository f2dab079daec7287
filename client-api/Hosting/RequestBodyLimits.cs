namespace Juicebox.ClientApi.Hosting;

/// <summary>Which body limit of <see cref="RequestLimitsOptions"/> a route has, by the endpoint's name.</summary>
internal static class RequestBodyLimits
{
    public const string SearchEndpoint = "Search";
    public const string SubmitJobEndpoint = "SubmitEnrichmentJob";

    public static long For(Endpoint? endpoint, RequestLimitsOptions limits) =>
        endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName switch
        {
            SearchEndpoint => limits.MaxSearchBodyBytes,
            SubmitJobEndpoint => limits.MaxJobBodyBytes,
            _ => limits.MaxBodyBytes,
        };

    /// <summary>The largest body any route takes: Kestrel's own limit, which the routes lower.</summary>
    public static long Largest(RequestLimitsOptions limits) =>
        Math.Max(limits.MaxBodyBytes, Math.Max(limits.MaxSearchBodyBytes, limits.MaxJobBodyBytes));
}
