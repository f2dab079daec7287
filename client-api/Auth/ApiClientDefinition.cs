namespace Juicebox.ClientApi.Auth;

/// <summary>
/// One client as configured, before validation: a named client of <c>Api:Clients</c>, or a key of the
/// <c>Api:Keys</c> / <c>Api:OperatorKeys</c> shorthand. <see cref="Setting"/> is where it was configured.
/// </summary>
internal sealed record ApiClientDefinition(
    string Name,
    string Setting,
    string? Key,
    string? KeySha256,
    IReadOnlyList<string> Scopes,
    int? RequestsPerMinute,
    int? EnrichmentsPerMonth)
{
    public const string ShorthandCallerPrefix = "api-key-";
    public const string ShorthandOperatorPrefix = "operator-key-";

    /// <summary>The environment variable of a setting (<c>Api:Clients:crm</c> is <c>Api__Clients__crm</c>).</summary>
    public static string Variable(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Every client <paramref name="options"/> configures, the shorthand keys included.</summary>
    public static IEnumerable<ApiClientDefinition> From(ApiKeyAuthOptions options)
    {
        for (var i = 0; i < options.OperatorKeys.Count; i++)
        {
            yield return new(ShorthandOperatorPrefix + i, $"{ApiKeyAuthOptions.SectionName}:OperatorKeys:{i}", options.OperatorKeys[i], null, ApiScopes.All, null, null);
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            yield return new(ShorthandCallerPrefix + i, $"{ApiKeyAuthOptions.SectionName}:Keys:{i}", options.Keys[i], null, ApiScopes.CallerShorthand, null, null);
        }

        foreach (var (name, client) in options.Clients.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            yield return new(
                name,
                $"{ApiKeyAuthOptions.SectionName}:Clients:{name}",
                client.Key,
                client.KeySha256,
                [.. client.Scopes.Distinct(StringComparer.Ordinal)],
                client.RequestsPerMinute,
                client.EnrichmentsPerMonth);
        }
    }
}
