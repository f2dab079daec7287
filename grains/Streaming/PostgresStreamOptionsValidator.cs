namespace Juicebox.Grains.Streaming;

internal sealed class PostgresStreamOptionsValidator : IValidateOptions<PostgresStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStreamOptions options)
    {
        var provider = string.IsNullOrEmpty(name) ? "{provider}" : name;
        List<string> failures = [];

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
