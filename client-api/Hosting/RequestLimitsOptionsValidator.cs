using System.Globalization;

namespace Juicebox.ClientApi.Hosting;

internal sealed class RequestLimitsOptionsValidator : IValidateOptions<RequestLimitsOptions>
{
    private const long MaxAnyBodyBytes = 256L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, RequestLimitsOptions options)
    {
        List<string> failures = [];
        RequireRange(options.MaxBodyBytes, 1, MaxAnyBodyBytes, nameof(options.MaxBodyBytes), "16384", failures);
        RequireRange(options.MaxSearchBodyBytes, 1, MaxAnyBodyBytes, nameof(options.MaxSearchBodyBytes), "65536", failures);
        RequireRange(options.MaxJobBodyBytes, 1, MaxAnyBodyBytes, nameof(options.MaxJobBodyBytes), "8388608", failures);

        // Kestrel's backstop is twice the app's limit and must stay an int.
        RequireRange(options.MaxHeaderBytes, 1024, 1024 * 1024, nameof(options.MaxHeaderBytes), "16384", failures);
        RequireRange(options.MaxUrlLength, 256, 1024 * 1024, nameof(options.MaxUrlLength), "4096", failures);
        RequireRange(options.MaxEventStreamsPerClient, 1, 100_000, nameof(options.MaxEventStreamsPerClient), "8", failures);

        RequirePositive(options.RequestTimeout, nameof(options.RequestTimeout), "00:00:30", failures);
        RequirePositive(options.HeadersTimeout, nameof(options.HeadersTimeout), "00:00:10", failures);
        if (options.MinBodyRateGracePeriod <= TimeSpan.FromSeconds(1))
        {
            // Kestrel checks the rate once a second, so it refuses a grace period of a second or less.
            failures.Add(Describe(nameof(options.MinBodyRateGracePeriod), "must be longer than one second", "00:00:05"));
        }
        if (double.IsNaN(options.MinBodyBytesPerSecond) || options.MinBodyBytesPerSecond <= 0)
        {
            failures.Add(Describe(nameof(options.MinBodyBytesPerSecond), "must be greater than zero", "240"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireRange(long value, long min, long max, string setting, string example, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add(Describe(
                setting,
                string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}; got {value}"),
                example));
        }
    }

    private static void RequirePositive(TimeSpan value, string setting, string example, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(Describe(setting, "must be greater than zero", example));
        }
    }

    private static string Describe(string setting, string problem, string example) =>
        $"{RequestLimitsOptions.SectionName}:{setting} {problem} (set {RequestLimitsOptions.SectionName}__{setting}, e.g. {example}).";
}
