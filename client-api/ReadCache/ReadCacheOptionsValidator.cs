namespace Juicebox.ClientApi.ReadCache;

internal sealed class ReadCacheOptionsValidator : IValidateOptions<ReadCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, ReadCacheOptions options)
    {
        List<string> failures = [];
        if (options.Lease <= TimeSpan.Zero || options.Lease > ReadCacheOptions.LongestLease)
        {
            failures.Add(Describe(nameof(options.Lease), $"must be greater than zero and at most {ReadCacheOptions.LongestLease:c}", "00:00:30"));
        }

        if (options.MaxMegabytes is < 1 or > ReadCacheOptions.LargestMaxMegabytes)
        {
            failures.Add(Describe(nameof(options.MaxMegabytes), $"must be between 1 and {ReadCacheOptions.LargestMaxMegabytes}", "64"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Describe(string setting, string problem, string example) =>
        $"{ReadCacheOptions.SectionName}:{setting} {problem} (set {ReadCacheOptions.SectionName}__{setting}, e.g. {example}; {ReadCacheOptions.SectionName}__Enabled=false turns the cache off).";
}
