namespace Juicebox.ClientApi.Auth;

/// <summary>The project's own API keys callers present as <c>Authorization: Bearer &lt;key&gt;</c>; section <c>Api</c>.</summary>
public sealed class ApiKeyAuthOptions
{
    public const string SectionName = "Api";

    /// <summary>The key Embedded mode accepts when no key is configured; printed at start-up.</summary>
    public const string EmbeddedDevelopmentKey = "local-dev-key";

    /// <summary>The operator key Embedded mode accepts when no operator key is configured; printed at start-up.</summary>
    public const string EmbeddedOperatorKey = "local-operator-key";

    /// <summary>Shorthand for clients with every scope but the operator's and erasure (<c>Api__Keys__0</c>, <c>Api__Keys__1</c>, ...).</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>
    /// Shorthand for clients with every scope, the operator's included (<c>Api__OperatorKeys__0</c>, ...).
    /// With none (and no client with the operator scope), nobody reaches the operator endpoints.
    /// </summary>
    public List<string> OperatorKeys { get; set; } = [];

    /// <summary>
    /// Named clients with their own key, scopes and limits (<c>Api__Clients__{name}__Key</c>, ...). The
    /// shorthand keys above become clients too: <c>api-key-{i}</c> with <see cref="ApiScopes.CallerShorthand"/>
    /// and <c>operator-key-{i}</c> with <see cref="ApiScopes.All"/>, neither limited.
    /// </summary>
    public Dictionary<string, ApiClientOptions> Clients { get; set; } = [];
}
