namespace Juicebox.Grains.Upstream;

internal sealed class UpstreamBudgetOptionsValidator : IValidateOptions<UpstreamBudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamBudgetOptions options)
    {
        List<string> failures = [];
        RequirePositive(options.RequestsPerMinute, nameof(options.RequestsPerMinute), "300", failures);
        RequirePositive(options.RequestsPerDay, nameof(options.RequestsPerDay), "50000", failures);
        if (options.EnrichmentsPerMonth < 0)
        {
            failures.Add(Describe(nameof(options.EnrichmentsPerMonth), "must not be negative", "10000"));
        }

        RequirePositive(options.DefaultRequestsPerMinute, nameof(options.DefaultRequestsPerMinute), "60", failures);
        if (double.IsNaN(options.SafetyMargin) || options.SafetyMargin is < 0 or > 0.5)
        {
            failures.Add(Describe(nameof(options.SafetyMargin), "must be between 0 and 0.5", "0.02"));
        }

        if (options.RateWindow < TimeSpan.FromSeconds(1) || options.RateWindow > TimeSpan.FromMinutes(1) || options.RateWindow.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            failures.Add(Describe(nameof(options.RateWindow), "must be whole seconds from 00:00:01 to 00:01:00", "00:01:00"));
        }

        RequireWait(options.MaxInteractiveWait, nameof(options.MaxInteractiveWait), "00:00:05", failures);
        RequireWait(options.MaxBackgroundWait, nameof(options.MaxBackgroundWait), "00:00:02", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(int? value, string setting, string example, List<string> failures)
    {
        if (value <= 0)
        {
            failures.Add(Describe(setting, "must be greater than zero", example));
        }
    }

    private static void RequireWait(TimeSpan value, string setting, string example, List<string> failures)
    {
        if (value < TimeSpan.Zero || value > TimeSpan.FromMinutes(1))
        {
            failures.Add(Describe(setting, "must be between 00:00:00 and 00:01:00", example));
        }
    }

    private static string Describe(string setting, string problem, string example) =>
        $"{UpstreamBudgetOptions.SectionName}:{setting} {problem} (set {UpstreamBudgetOptions.SectionName}__{setting}, e.g. {example}).";
}
