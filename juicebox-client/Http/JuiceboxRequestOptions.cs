namespace Juicebox.Client.Http;

/// <summary>The marks the client puts on each request for the handlers and the resilience pipeline.</summary>
public static class JuiceboxRequestOptions
{
    private static readonly HttpRequestOptionsKey<JuiceboxCallSafety> SafetyKey = new("Juicebox.CallSafety");
    private static readonly HttpRequestOptionsKey<bool> AnonymousKey = new("Juicebox.Anonymous");
    private static readonly HttpRequestOptionsKey<string> EndpointKey = new("Juicebox.Endpoint");

    internal static void SetCallSafety(this HttpRequestMessage request, JuiceboxCallSafety safety) =>
        request.Options.Set(SafetyKey, safety);

    internal static JuiceboxCallSafety GetCallSafety(this HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(SafetyKey, out var safety) ? safety : JuiceboxCallSafety.SpendsQuota;

    /// <summary>Marks a call the contract makes without a key (<c>GET /health</c>).</summary>
    internal static void SetAnonymous(this HttpRequestMessage request) =>
        request.Options.Set(AnonymousKey, true);

    /// <summary>True for a call the contract makes without a key (<c>GET /health</c>): it spends nothing.</summary>
    public static bool IsAnonymous(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(AnonymousKey, out var anonymous) && anonymous;
    }

    internal static void SetEndpoint(this HttpRequestMessage request, string endpoint) =>
        request.Options.Set(EndpointKey, endpoint);

    /// <summary>
    /// The contract's path template of the call (<c>/profiles/{id}</c>, <c>/enrich/batch</c>), never
    /// the path itself: it names the endpoint without the ids in it, so metrics can be labelled with
    /// it. <c>other</c> for a request the client did not build.
    /// </summary>
    public static string GetEndpoint(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(EndpointKey, out var endpoint) ? endpoint : "other";
    }
}
