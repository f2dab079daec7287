namespace Juicebox.Client.Http;

/// <summary>The marks the client puts on each request for the handlers and the resilience pipeline.</summary>
internal static class JuiceboxRequestOptions
{
    private static readonly HttpRequestOptionsKey<JuiceboxCallSafety> SafetyKey = new("Juicebox.CallSafety");
    private static readonly HttpRequestOptionsKey<bool> AnonymousKey = new("Juicebox.Anonymous");

    public static void SetCallSafety(this HttpRequestMessage request, JuiceboxCallSafety safety) =>
        request.Options.Set(SafetyKey, safety);

    public static JuiceboxCallSafety GetCallSafety(this HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(SafetyKey, out var safety) ? safety : JuiceboxCallSafety.SpendsQuota;

    /// <summary>Marks a call the contract makes without a key (<c>GET /health</c>).</summary>
    public static void SetAnonymous(this HttpRequestMessage request) =>
        request.Options.Set(AnonymousKey, true);

    public static bool IsAnonymous(this HttpRequestMessage request) =>
        request.Options.TryGetValue(AnonymousKey, out var anonymous) && anonymous;
}
