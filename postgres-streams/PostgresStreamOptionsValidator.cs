using System.Text.RegularExpressions;

namespace PostgresStreams;

internal sealed partial class PostgresStreamOptionsValidator : IValidateOptions<PostgresStreamOptions>
{
    // Goes into SQL as part of identifiers, so it is held to lower-case letters, digits and '_';
    // 38 characters leave room for the longest index name within PostgreSQL's 63.
    private const string TablePrefixRule = "must be 1 to 38 lower-case letters, digits or '_', starting with a letter or '_'";

    public ValidateOptionsResult Validate(string? name, PostgresStreamOptions options)
    {
        var provider = string.IsNullOrEmpty(name) ? "{provider}" : name;
        List<string> failures = [];

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add(Describe(nameof(options.ConnectionString), "is required", provider));
        }

        if (!IsValidTablePrefix(options.TablePrefix))
        {
            failures.Add(Describe(nameof(options.TablePrefix), $"{TablePrefixRule}, got '{options.TablePrefix}'", provider));
        }

        RequireRange(options.QueueCount, 1, 1024, nameof(options.QueueCount), provider, failures);
        RequireRange(options.MaxAttempts, 1, 1000, nameof(options.MaxAttempts), provider, failures);
        RequireRange(options.BatchSize, 1, 10_000, nameof(options.BatchSize), provider, failures);
        RequirePositive(options.VisibilityTimeout, nameof(options.VisibilityTimeout), provider, failures);
        RequirePositive(options.DeadLetterRetention, nameof(options.DeadLetterRetention), provider, failures);
        RequirePositive(options.PollingPeriod, nameof(options.PollingPeriod), provider, failures);
        RequirePositive(options.MaxDeliveryTime, nameof(options.MaxDeliveryTime), provider, failures);
        RequirePositive(options.CleanupInterval, nameof(options.CleanupInterval), provider, failures);

        if (options.AcknowledgeOnDelivery && options.MaxDeliveryTime >= options.VisibilityTimeout)
        {
            failures.Add(Describe(
                nameof(options.MaxDeliveryTime),
                $"must be shorter than VisibilityTimeout ({options.VisibilityTimeout}) when AcknowledgeOnDelivery is true, " +
                "or a message still being delivered is dequeued again",
                provider));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws unless <paramref name="tablePrefix"/> is a valid <see cref="PostgresStreamOptions.TablePrefix"/>.</summary>
    public static void ThrowIfInvalidTablePrefix(string tablePrefix)
    {
        if (!IsValidTablePrefix(tablePrefix))
        {
            throw new ArgumentException($"The table prefix {TablePrefixRule}, got '{tablePrefix}'.", nameof(tablePrefix));
        }
    }

    private static bool IsValidTablePrefix(string? tablePrefix) => tablePrefix is not null && TablePrefixPattern().IsMatch(tablePrefix);

    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,37}\z")]
    private static partial Regex TablePrefixPattern();

    private static void RequireRange(int value, int min, int max, string setting, string provider, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add(Describe(setting, $"must be from {min} to {max}, got {value}", provider));
        }
    }

    private static void RequirePositive(TimeSpan value, string setting, string provider, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(Describe(setting, $"must be greater than zero, got {value}", provider));
        }
    }

    private static string Describe(string setting, string problem, string provider) =>
        $"{PostgresStreamOptions.SectionName}:{provider}:{setting} {problem} " +
        $"(set {PostgresStreamOptions.SectionName}__{provider}__{setting}).";
}
