namespace Juicebox.ClientApi.Auth;

/// <summary>The project's own API keys callers present as <c>Authorization: Bearer &lt;key&gt;</c>; section <c>Api</c>.</summary>
public sealed class ApiKeyAuthOptions
{
    public const string SectionName = "Api";

    /// <summary>The key Embedded mode accepts when no key is configured; printed at start-up.</summary>
    public const string EmbeddedDevelopmentKey = "local-dev-key";

    /// <summary>The operator key Embedded mode accepts when no operator key is configured; printed at start-up.</summary>
    public const string EmbeddedOperatorKey = "local-operator-key";

    /// <summary>Accepted keys (<c>Api__Keys__0</c>, <c>Api__Keys__1</c>, ...).</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>
    /// Keys that also open the operator endpoints (<c>Api__OperatorKeys__0</c>, ...); they are valid
    /// API keys too. With none, nobody reaches the operator endpoints.
    /// </summary>
    public List<string> OperatorKeys { get; set; } = [];
}
