namespace Juicebox.Sandbox.Accounts;

/// <summary>One API key of the sandbox, its plan and optional overrides of the plan's limits.</summary>
public sealed class SandboxKeyOptions
{
    /// <summary>The bearer token.</summary>
    public string Key { get; set; } = "";

    /// <summary><c>free</c>, <c>pro</c>, <c>business</c> or <c>enterprise</c>.</summary>
    public string Plan { get; set; } = "pro";

    /// <summary>The account id reported by <c>GET /auth/me</c>; derived from the key when empty.</summary>
    public string? AccountId { get; set; }

    /// <summary>The key's scopes; null means all of <see cref="ApiScopes.All"/>.</summary>
    public List<string>? Scopes { get; set; }

    public int? RequestsPerMinute { get; set; }

    public int? RequestsPerDay { get; set; }

    public int? SearchesPerMonth { get; set; }

    public int? EnrichmentsPerMonth { get; set; }
}
