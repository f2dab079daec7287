namespace Juicebox.ClientApi.Auth;

/// <summary>The project's own API keys callers present as <c>Authorization: Bearer &lt;key&gt;</c>; section <c>Api</c>.</summary>
public sealed class ApiKeyAuthOptions
{
    public const string SectionName = "Api";

    /// <summary>The key Embedded mode accepts when no key is configured; printed at start-up.</summary>
    public const string EmbeddedDevelopmentKey = "local-dev-key";

    /// <summary>Accepted keys (<c>Api__Keys__0</c>, <c>Api__Keys__1</c>, ...).</summary>
    public List<string> Keys { get; set; } = [];
}
