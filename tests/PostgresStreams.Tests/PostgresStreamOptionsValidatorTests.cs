using PostgresStreams;

namespace PostgresStreams.Tests;

public sealed class PostgresStreamOptionsValidatorTests
{
    private const string ConnectionString = "Host=localhost;Database=queues";

    [Fact]
    public void Defaults_AreValid_OnceAConnectionStringIsSet() =>
        Assert.True(new PostgresStreamOptionsValidator().Validate("enrichment", new PostgresStreamOptions { ConnectionString = ConnectionString }).Succeeded);

    [Fact]
    public void MissingConnectionString_FailsNamingTheSettingAndItsVariable()
    {
        var failure = Assert.Single(new PostgresStreamOptionsValidator().Validate("enrichment", new PostgresStreamOptions()).Failures!);

        Assert.Contains("Streams:enrichment:ConnectionString is required", failure, StringComparison.Ordinal);
        Assert.Contains("Streams__enrichment__ConnectionString", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stream_queue")]
    [InlineData("juicebox_stream")]
    [InlineData("_q2")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijkl")]
    public void TablePrefix_OfLowerCaseLettersDigitsAndUnderscores_IsValid(string prefix) =>
        Assert.True(new PostgresStreamOptionsValidator().Validate("q", new PostgresStreamOptions { ConnectionString = ConnectionString, TablePrefix = prefix }).Succeeded);

    [Theory]
    [InlineData("")]
    [InlineData("Streams")]
    [InlineData("2queues")]
    [InlineData("queue-tables")]
    [InlineData("q; DROP TABLE x")]
    [InlineData("q\n")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklm")]
    public void TablePrefix_ThatIsNotASafeIdentifier_FailsAndTheSchemaScriptRefusesIt(string prefix)
    {
        var failure = Assert.Single(new PostgresStreamOptionsValidator().Validate("q", new PostgresStreamOptions { ConnectionString = ConnectionString, TablePrefix = prefix }).Failures!);

        Assert.StartsWith("Streams:q:TablePrefix must be 1 to 38 lower-case letters", failure, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PostgresStreamSchema.GetScript(prefix));
    }

    [Fact]
    public void DeliveryTimeNotShorterThanVisibility_FailsNamingTheSettingAndItsVariable()
    {
        var options = new PostgresStreamOptions { ConnectionString = ConnectionString, VisibilityTimeout = TimeSpan.FromSeconds(30), MaxDeliveryTime = TimeSpan.FromSeconds(30) };

        var result = new PostgresStreamOptionsValidator().Validate("enrichment", options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Streams:enrichment:MaxDeliveryTime", failure, StringComparison.Ordinal);
        Assert.Contains("Streams__enrichment__MaxDeliveryTime", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void DeliveryTimeLongerThanVisibility_IsAllowedWhenConsumersAcknowledge()
    {
        var options = new PostgresStreamOptions { ConnectionString = ConnectionString, AcknowledgeOnDelivery = false, MaxDeliveryTime = TimeSpan.FromMinutes(5) };

        Assert.True(new PostgresStreamOptionsValidator().Validate("enrichment", options).Succeeded);
    }

    [Fact]
    public void OutOfRangeNumbersAndTimes_AreEachReported()
    {
        var options = new PostgresStreamOptions { ConnectionString = ConnectionString, QueueCount = 0, MaxAttempts = 0, BatchSize = 0, PollingPeriod = TimeSpan.Zero, CleanupInterval = TimeSpan.Zero };

        var result = new PostgresStreamOptionsValidator().Validate("enrichment", options);

        Assert.Equal(
            ["QueueCount", "MaxAttempts", "BatchSize", "PollingPeriod", "CleanupInterval"],
            result.Failures!.Select(f => f.Split(' ')[0].Split(':')[^1]));
    }
}
