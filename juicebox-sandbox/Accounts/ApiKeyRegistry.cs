using Microsoft.Extensions.Options;

namespace Juicebox.Sandbox.Accounts;

/// <summary>The sandbox's API keys: the four defaults plus the configured ones.</summary>
internal sealed class ApiKeyRegistry
{
    private static readonly string[] _defaultPlans = ["free", "pro", "business", "enterprise"];

    private readonly Dictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);

    public ApiKeyRegistry(IOptions<SandboxOptions> options)
    {
        if (options.Value.IncludeDefaultKeys)
        {
            foreach (var plan in _defaultPlans)
            {
                Add(new SandboxKeyOptions { Key = "sb_" + plan, Plan = plan });
            }
        }

        foreach (var key in options.Value.Keys)
        {
            Add(key);
        }
    }

    public IEnumerable<ApiKey> Keys => _keys.Values;

    public bool TryGet(string key, out ApiKey apiKey)
    {
        return _keys.TryGetValue(key, out apiKey!);
    }

    private void Add(SandboxKeyOptions key)
    {
        var plan = PlanLimits.ForPlan(key.Plan)
            ?? throw new OptionsValidationException(SandboxOptions.SectionName, typeof(SandboxOptions), [$"Unknown plan '{key.Plan}' for key '{key.Key}'."]);
        var limits = new PlanLimits(
            key.RequestsPerMinute ?? plan.RequestsPerMinute,
            key.RequestsPerDay ?? plan.RequestsPerDay,
            key.SearchesPerMonth ?? plan.SearchesPerMonth,
            key.EnrichmentsPerMonth ?? plan.EnrichmentsPerMonth);
        var scopes = new HashSet<string>(key.Scopes ?? ApiScopes.All, StringComparer.OrdinalIgnoreCase);
        _keys[key.Key] = new ApiKey(key.Key, key.AccountId ?? "acct_" + key.Key, key.Plan.ToLowerInvariant(), scopes, limits);
    }
}
