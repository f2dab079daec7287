namespace Juicebox.Grains.Enrichment;

internal sealed class EnrichmentOptionsValidator : IValidateOptions<EnrichmentOptions>
{
    public ValidateOptionsResult Validate(string? name, EnrichmentOptions options)
    {
        List<string> failures = [];
        RequireRange(options.Partitions, 1, 1024, nameof(options.Partitions), failures);
        RequireRange(options.MaxJobSize, 1, 1_000_000, nameof(options.MaxJobSize), failures);
        RequireRange(options.MaxHeldProfilesPerWorker, EnrichmentRequest.MaxProfiles, 1_000_000, nameof(options.MaxHeldProfilesPerWorker), failures);
        RequireRange(options.MaxAttempts, 1, 100, nameof(options.MaxAttempts), failures);
        RequirePositive(options.FreshFor, nameof(options.FreshFor), failures);
        RequirePositive(options.BacklogDeferral, nameof(options.BacklogDeferral), failures);
        RequirePositive(options.RetryBaseDelay, nameof(options.RetryBaseDelay), failures);
        RequirePositive(options.WorkerTick, nameof(options.WorkerTick), failures);
        RequirePositive(options.JobRetention, nameof(options.JobRetention), failures);
        if (options.OutageGrace < TimeSpan.Zero || options.OutageGrace > TimeSpan.FromDays(7))
        {
            failures.Add(Describe(nameof(options.OutageGrace), "must be between zero (every outage failure counts) and 7 days", "00:15:00"));
        }
        if (options.MaxRetryDelay < options.RetryBaseDelay)
        {
            failures.Add(Describe(nameof(options.MaxRetryDelay), $"must be at least {nameof(options.RetryBaseDelay)}", "00:01:00"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireRange(int value, int min, int max, string setting, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add(Describe(setting, $"must be between {min} and {max}", min.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static void RequirePositive(TimeSpan value, string setting, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(Describe(setting, "must be greater than zero", "00:00:05"));
        }
    }

    private static string Describe(string setting, string problem, string example) =>
        $"{EnrichmentOptions.SectionName}:{setting} {problem} (set {EnrichmentOptions.SectionName}__{setting}, e.g. {example}).";
}
