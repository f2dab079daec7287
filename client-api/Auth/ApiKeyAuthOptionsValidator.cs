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

        var tooShort = options.Keys.Count(key => string.IsNullOrWhiteSpace(key) || key.Length < MinimumKeyLength);
        return tooShort == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{tooShort} of the keys in Api:Keys are shorter than {MinimumKeyLength} characters.");
    }
}
