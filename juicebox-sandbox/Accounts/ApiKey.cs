namespace Juicebox.Sandbox.Accounts;

/// <summary>A known API key, resolved to its account, plan, scopes and effective limits.</summary>
internal sealed record ApiKey(string Key, string AccountId, string Plan, IReadOnlySet<string> Scopes, PlanLimits Limits)
{
    public bool HasScope(string scope)
    {
        return Scopes.Contains(scope);
    }
}
