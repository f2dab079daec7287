using Microsoft.Extensions.Options;

namespace Juicebox.Client.Configuration;

/// <summary>
/// Checks every setting at once and names, for each failure, the configuration key and the
/// environment variable that fix it. The key's value never appears in a message.
/// </summary>
internal sealed class JuiceboxOptionsValidator(string sectionPath) : IValidateOptions<JuiceboxOptions>
{
    // Polly refuses values outside these bounds when it builds the pipeline; failing at start-up
    // with the setting's name is kinder than failing on the first call.
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinBreakerWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);
    private const int MaxRetryLimit = 10;

    public ValidateOptionsResult Validate(string? name, JuiceboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        ValidateBaseUrl(options.BaseUrl, failures);
        ValidateApiKey(options.ApiKey, failures);
        ValidateResilience(options.Resilience, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateBaseUrl(string? baseUrl, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            failures.Add(Problem("BaseUrl", $"is empty; set it to the API root, e.g. {JuiceboxOptions.DefaultBaseUrl}"));
            return;
        }

        if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add(Problem("BaseUrl", $"'{baseUrl}' is not an absolute http(s) URL, e.g. {JuiceboxOptions.DefaultBaseUrl}"));
            return;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            failures.Add(Problem("BaseUrl", $"'{baseUrl}' must not carry a query or a fragment"));
        }
    }

    private void ValidateApiKey(string? apiKey, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            failures.Add(Problem("ApiKey", "is missing; set it to the Juicebox API key"));
        }
        else if (apiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            failures.Add(Problem("ApiKey", "contains white space or control characters, which no API key has (value not shown)"));
        }
    }

    private void ValidateResilience(JuiceboxResilienceOptions? resilience, List<string> failures)
    {
        if (resilience is null)
        {
            failures.Add(Problem("Resilience", "is null; remove the override to use the defaults"));
            return;
        }

        CheckRange("Resilience:AttemptTimeout", resilience.AttemptTimeout, MinTimeout, OneDay, failures);
        CheckRange("Resilience:TotalTimeout", resilience.TotalTimeout, MinTimeout, OneDay, failures);
        if (resilience.AttemptTimeout > resilience.TotalTimeout)
        {
            failures.Add(Problem("Resilience:AttemptTimeout", $"({resilience.AttemptTimeout}) is longer than Resilience:TotalTimeout ({resilience.TotalTimeout}); no attempt could use it"));
        }

        if (resilience.MaxRetries is < 0 or > MaxRetryLimit)
        {
            failures.Add(Problem("Resilience:MaxRetries", $"is {resilience.MaxRetries}; use 0 (no retries) to {MaxRetryLimit}"));
        }

        CheckRange("Resilience:RetryBaseDelay", resilience.RetryBaseDelay, TimeSpan.Zero, OneDay, failures);
        CheckRange("Resilience:MaxRetryAfter", resilience.MaxRetryAfter, TimeSpan.Zero, OneDay, failures);
        if (resilience.MaxRetryAfter >= resilience.TotalTimeout)
        {
            failures.Add(Problem("Resilience:MaxRetryAfter", $"({resilience.MaxRetryAfter}) must be shorter than Resilience:TotalTimeout ({resilience.TotalTimeout}), or the call times out while it waits"));
        }

        ValidateCircuitBreaker(resilience.CircuitBreaker, failures);
    }

    private void ValidateCircuitBreaker(JuiceboxCircuitBreakerOptions? breaker, List<string> failures)
    {
        if (breaker is null)
        {
            failures.Add(Problem("Resilience:CircuitBreaker", "is null; remove the override to use the defaults"));
            return;
        }

        if (!(breaker.FailureRatio > 0 && breaker.FailureRatio <= 1))
        {
            failures.Add(Problem("Resilience:CircuitBreaker:FailureRatio", $"is {breaker.FailureRatio}; use a share above 0 and at most 1, e.g. 0.5"));
        }

        if (breaker.MinimumThroughput < 2)
        {
            failures.Add(Problem("Resilience:CircuitBreaker:MinimumThroughput", $"is {breaker.MinimumThroughput}; use 2 or more"));
        }

        CheckRange("Resilience:CircuitBreaker:SamplingDuration", breaker.SamplingDuration, MinBreakerWindow, OneDay, failures);
        CheckRange("Resilience:CircuitBreaker:BreakDuration", breaker.BreakDuration, MinBreakerWindow, OneDay, failures);
    }

    private void CheckRange(string setting, TimeSpan value, TimeSpan min, TimeSpan max, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add(Problem(setting, $"is {value}; use a value from {min} to {max}"));
        }
    }

    private string Problem(string setting, string what) =>
        $"{sectionPath}:{setting} {what} (environment variable {ToEnvironmentVariable(setting)}).";

    private string ToEnvironmentVariable(string setting) =>
        $"{sectionPath}:{setting}".Replace(":", "__", StringComparison.Ordinal);
}
