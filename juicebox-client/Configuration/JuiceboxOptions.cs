using Juicebox.Client.Compliance;

namespace Juicebox.Client.Configuration;

/// <summary>
/// Where the Juicebox API lives, the key to call it with, and how hard to try. Bound from the
/// <c>Juicebox</c> section by default, so <c>Juicebox__BaseUrl</c> and <c>Juicebox__ApiKey</c>
/// set it from the environment.
/// </summary>
public sealed class JuiceboxOptions
{
    public const string DefaultSectionName = "Juicebox";

    public const string DefaultBaseUrl = "https://api.juicebox.ai/v1";

    /// <summary>The API root; the paths of the contract are appended to it.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The bearer key. It is a secret: <see cref="ToString"/> and every message leave it out.</summary>
    [SecretData]
    public string? ApiKey { get; set; }

    /// <summary>Timeouts, retries and the circuit breaker.</summary>
    public JuiceboxResilienceOptions Resilience { get; set; } = new();

    /// <summary><see cref="BaseUrl"/> as an absolute URI ending in a slash, so relative paths land under it.</summary>
    internal Uri GetBaseAddress()
    {
        var url = BaseUrl.Trim();
        return new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
    }

    public override string ToString() =>
        $"{nameof(JuiceboxOptions)} {{ {nameof(BaseUrl)} = {BaseUrl}, {nameof(ApiKey)} = " +
        $"{(string.IsNullOrEmpty(ApiKey) ? "(not set)" : "(set, redacted)")}, {nameof(Resilience)} = {Resilience} }}";
}
