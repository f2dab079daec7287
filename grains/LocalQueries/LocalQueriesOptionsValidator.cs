namespace Juicebox.Grains.LocalQueries;

internal sealed class LocalQueriesOptionsValidator : IValidateOptions<LocalQueriesOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalQueriesOptions options)
    {
        const string Setting = nameof(LocalQueriesOptions.IndexRetryInterval);
        return options.IndexRetryInterval > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{LocalQueriesOptions.SectionName}:{Setting} must be greater than zero (set {LocalQueriesOptions.SectionName}__{Setting}, e.g. 00:00:30).");
    }
}
