namespace Juicebox.ClientApi.Auth;

/// <summary>
/// What a client's key lets it do. The authenticated principal carries one claim of type
/// <see cref="ClaimType"/> per scope, and the client's name as <see cref="System.Security.Claims.ClaimTypes.Name"/>.
/// </summary>
public static class ApiScopes
{
    /// <summary>The claim type of a scope on the authenticated principal.</summary>
    public const string ClaimType = "scope";

    /// <summary>Read profiles (one, or a listing); without <see cref="ContactRead"/> the contact block is withheld.</summary>
    public const string ProfilesRead = "profiles:read";

    /// <summary>See the contact block (emails, phones) wherever a profile is returned.</summary>
    public const string ContactRead = "contact:read";

    /// <summary>Search people.</summary>
    public const string Search = "search";

    /// <summary>Request enrichments (one profile, bulk jobs, a search's <c>autoEnrich</c>) and follow them.</summary>
    public const string Enrich = "enrich";

    /// <summary>The operator routes (<c>/api/v1/operator/*</c>) and the dashboard.</summary>
    public const string Operator = "operator";

    /// <summary>Erase everything held about a person.</summary>
    public const string ProfilesErase = "profiles:erase";

    /// <summary>Every scope there is; a configured scope outside this list stops the host.</summary>
    public static IReadOnlyList<string> All { get; } = [ProfilesRead, ContactRead, Search, Enrich, Operator, ProfilesErase];

    /// <summary>
    /// The scopes of a key in the <c>Api:Keys</c> shorthand: what any key could do before scopes existed,
    /// so neither <see cref="Operator"/> nor <see cref="ProfilesErase"/>. An <c>Api:OperatorKeys</c> key gets <see cref="All"/>.
    /// </summary>
    public static IReadOnlyList<string> CallerShorthand { get; } = [ProfilesRead, ContactRead, Search, Enrich];

    /// <summary>The authorization policy that requires <paramref name="scope"/> (of the bearer-key scheme).</summary>
    public static string PolicyName(string scope) => "scope:" + scope;

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="user"/> holds <paramref name="scope"/>.</summary>
    public static bool HasScope(this System.Security.Claims.ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user is ApiClientPrincipal client ? client.Client.Scopes.Contains(scope, StringComparer.Ordinal) : user.HasClaim(ClaimType, scope);
    }
}
