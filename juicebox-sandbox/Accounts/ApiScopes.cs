namespace Juicebox.Sandbox.Accounts;

/// <summary>The scopes a key can hold; each endpoint but health, auth/me and usage needs one.</summary>
public static class ApiScopes
{
    public const string Search = "search";
    public const string Profiles = "profiles";
    public const string Enrich = "enrich";

    public static IReadOnlyList<string> All { get; } = [Search, Profiles, Enrich];
}
