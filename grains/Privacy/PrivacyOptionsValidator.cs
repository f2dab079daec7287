namespace Juicebox.Grains.Privacy;

internal sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrEmpty(options.SuppressionKey))
        {
            if (options.SuppressionKeyRequired)
            {
                failures.Add(
                    $"{PrivacyOptions.SectionName}:{nameof(options.SuppressionKey)} is required in Cluster mode " +
                    $"(set {PrivacyOptions.SectionName}__{nameof(options.SuppressionKey)} to a secret of at least {PrivacyOptions.MinimumKeyLength} characters, the same on every silo).");
            }
        }
        else if (options.SuppressionKey.Length < PrivacyOptions.MinimumKeyLength)
        {
            failures.Add(
                $"{PrivacyOptions.SectionName}:{nameof(options.SuppressionKey)} must be at least {PrivacyOptions.MinimumKeyLength} characters " +
                $"(set {PrivacyOptions.SectionName}__{nameof(options.SuppressionKey)}).");
        }

        RequirePositive(options.SuppressFor, nameof(options.SuppressFor), "365.00:00:00", failures);
        RequirePositive(options.ProfileRetention, nameof(options.ProfileRetention), "180.00:00:00", failures);
        RequirePositive(options.ContactRetention, nameof(options.ContactRetention), "90.00:00:00", failures);
        RequirePositive(options.AuditRetention, nameof(options.AuditRetention), "365.00:00:00", failures);
        RequirePositive(options.LastReadWriteInterval, nameof(options.LastReadWriteInterval), "1.00:00:00", failures);
        if (options.RetentionInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add(Describe(nameof(options.RetentionInterval), "must be at least 00:00:01", "01:00:00"));
        }

        // A read recorded this late must not let the retention job delete a profile that was read.
        if (options.LastReadWriteInterval >= options.ProfileRetention)
        {
            failures.Add(Describe(nameof(options.LastReadWriteInterval), $"must be shorter than {PrivacyOptions.SectionName}:{nameof(options.ProfileRetention)}", "1.00:00:00"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(TimeSpan value, string setting, string example, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(Describe(setting, "must be greater than zero", example));
        }
    }

    private static string Describe(string setting, string problem, string example) =>
        $"{PrivacyOptions.SectionName}:{setting} {problem} (set {PrivacyOptions.SectionName}__{setting}, e.g. {example}).";
}
