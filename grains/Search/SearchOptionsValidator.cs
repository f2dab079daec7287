namespace Juicebox.Grains.Search;

internal sealed class SearchOptionsValidator : IValidateOptions<SearchOptions>
{
    public ValidateOptionsResult Validate(string? name, SearchOptions options)
    {
        List<string> failures = [];
        if (options.TimeToLive <= TimeSpan.Zero)
        {
            failures.Add(Describe(nameof(options.TimeToLive), "must be greater than zero", "00:10:00"));
        }

        if (options.RetryInterval <= TimeSpan.Zero)
        {
            failures.Add(Describe(nameof(options.RetryInterval), "must be greater than zero", "00:00:05"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Describe(string setting, string problem, string example) =>
        $"{SearchOptions.SectionName}:{setting} {problem} (set {SearchOptions.SectionName}__{setting}, e.g. {example}).";
}
