namespace Juicebox.Grains.Profiles;

internal sealed class ProfileCacheOptionsValidator : IValidateOptions<ProfileCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, ProfileCacheOptions options)
    {
        List<string> failures = [];
        RequirePositive(options.TimeToLive, nameof(options.TimeToLive), failures);
        RequirePositive(options.RefreshRetryInterval, nameof(options.RefreshRetryInterval), failures);
        if (options.NotFoundTimeToLive < TimeSpan.Zero)
        {
            failures.Add(Describe(nameof(options.NotFoundTimeToLive), "must not be negative"));
        }

        if (options.IdleDeactivationAfter <= TimeSpan.FromMinutes(1))
        {
            failures.Add(Describe(nameof(options.IdleDeactivationAfter), "must be longer than 00:01:00 (Orleans refuses collection ages up to its 1-minute collection quantum)"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(TimeSpan value, string setting, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(Describe(setting, "must be greater than zero"));
        }
    }

    private static string Describe(string setting, string problem) =>
        $"{ProfileCacheOptions.SectionName}:{setting} {problem} (set {ProfileCacheOptions.SectionName}__{setting}, e.g. 00:10:00).";
}
