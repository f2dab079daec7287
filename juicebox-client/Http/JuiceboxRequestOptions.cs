namespace Juicebox.Client.Http;

/// <summary>The marks the client puts on each request for the handlers and the resilience pipeline.</summary>
public static class JuiceboxRequestOptions
{
    private static readonly HttpRequestOptionsKey<JuiceboxCallSafety> SafetyKey = new("Juicebox.CallSafety");
    private static readonly HttpRequestOptionsKey<bool> AnonymousKey = new("Juicebox.Anonymous");

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
}
