namespace Juicebox.ClientApi.Apis;

internal sealed class ReadRetryOptionsValidator : IValidateOptions<ReadRetryOptions>
{
    public ValidateOptionsResult Validate(string? name, ReadRetryOptions options)
    {
        List<string> failures = [];
        if (options.Window < TimeSpan.Zero)
        {
            failures.Add(Describe(nameof(options.Window), "must not be negative (00:00:00 turns retries off)", "00:00:15"));
        }

        RequirePositive(options.AttemptTimeout, nameof(options.AttemptTimeout), "00:00:05", failures);
        RequirePositive(options.FirstDelay, nameof(options.FirstDelay), "00:00:00.100", failures);
        if (options.MaxDelay < options.FirstDelay)
        {
            failures.Add(Describe(nameof(options.MaxDelay), $"must be at least FirstDelay ({options.FirstDelay:c})", "00:00:01"));
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
        $"{ReadRetryOptions.SectionName}:{setting} {problem} (set {ReadRetryOptions.SectionName}__{setting}, e.g. {example}).";
}
