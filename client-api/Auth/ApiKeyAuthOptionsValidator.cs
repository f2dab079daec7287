namespace Juicebox.ClientApi.Auth;

internal sealed class ApiKeyAuthOptionsValidator : IValidateOptions<ApiKeyAuthOptions>
{
    private const int MinimumKeyLength = 12;

    public ValidateOptionsResult Validate(string? name, ApiKeyAuthOptions options)
    {
        if (options.Keys.Count == 0)
        {
            return ValidateOptionsResult.Fail(
                "No API key is configured: set Api:Keys (environment Api__Keys__0=<key>) so callers can authenticate.");
        }

        List<string> failures = [];
        CheckLength(options.Keys, "Api:Keys", failures);
        CheckLength(options.OperatorKeys, "Api:OperatorKeys", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckLength(List<string> keys, string setting, List<string> failures)
    {
        var tooShort = keys.Count(key => string.IsNullOrWhiteSpace(key) || key.Length < MinimumKeyLength);
        if (tooShort > 0)
        {
            failures.Add($"{tooShort} of the keys in {setting} are shorter than {MinimumKeyLength} characters.");
        }
    }
}
