using Juicebox.Sandbox.Accounts;
using Microsoft.Extensions.Options;

namespace Juicebox.Sandbox;

/// <summary>Checks <see cref="SandboxOptions"/> at start-up and names the setting that fixes each problem.</summary>
internal sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public const int MaxProfileCount = 10_000_000;

    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var errors = new List<string>();
        if (options.ProfileCount is < 1 or > MaxProfileCount)
        {
            errors.Add($"Sandbox:ProfileCount (Sandbox__ProfileCount) must be 1..{MaxProfileCount}; it is {options.ProfileCount}.");
        }

        if (options.RateWindow < TimeSpan.FromSeconds(1) || options.RateWindow > TimeSpan.FromMinutes(1) || options.RateWindow.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add($"Sandbox:RateWindow (Sandbox__RateWindow) must be whole seconds from 00:00:01 to 00:01:00, e.g. 00:01:00; it is {options.RateWindow}.");
        }

        if (!string.IsNullOrEmpty(options.Webhooks.Url))
        {
            if (!Uri.TryCreate(options.Webhooks.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                errors.Add("Sandbox:Webhooks:Url (Sandbox__Webhooks__Url) must be an absolute http or https URL.");
            }

            if (string.IsNullOrEmpty(options.Webhooks.Secret))
            {
                errors.Add("Sandbox:Webhooks:Secret (Sandbox__Webhooks__Secret) must be set when Sandbox:Webhooks:Url is.");
            }
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var prefix = $"Sandbox:Keys:{i}";
            if (string.IsNullOrWhiteSpace(key.Key))
            {
                errors.Add($"{prefix}:Key must be set.");
            }

            if (PlanLimits.ForPlan(key.Plan) is null)
            {
                errors.Add($"{prefix}:Plan must be free, pro, business or enterprise; it is '{key.Plan}'.");
            }

            foreach (var (setting, value) in new[]
            {
                ("RequestsPerMinute", key.RequestsPerMinute),
                ("RequestsPerDay", key.RequestsPerDay),
                ("SearchesPerMonth", key.SearchesPerMonth),
                ("EnrichmentsPerMonth", key.EnrichmentsPerMonth),
            })
            {
                if (value < 0)
                {
                    errors.Add($"{prefix}:{setting} must be >= 0.");
                }
            }

            foreach (var scope in key.Scopes ?? [])
            {
                if (!ApiScopes.All.Contains(scope, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"{prefix}:Scopes has unknown scope '{scope}'; use {string.Join(", ", ApiScopes.All)}.");
                }
            }
        }

        errors.AddRange(options.Faults.Validate("Sandbox:Faults:"));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
