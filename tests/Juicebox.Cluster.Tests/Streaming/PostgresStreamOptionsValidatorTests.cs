using Juicebox.Grains.Streaming;

namespace Juicebox.Cluster.Tests.Streaming;

public sealed class PostgresStreamOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid() =>
        Assert.True(new PostgresStreamOptionsValidator().Validate("enrichment", new PostgresStreamOptions()).Succeeded);

    [Fact]
    public void DeliveryTimeNotShorterThanVisibility_FailsNamingTheSettingAndItsVariable()
    {
        var options = new PostgresStreamOptions { VisibilityTimeout = TimeSpan.FromSeconds(30), MaxDeliveryTime = TimeSpan.FromSeconds(30) };

        var result = new PostgresStreamOptionsValidator().Validate("enrichment", options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Streams:enrichment:MaxDeliveryTime", failure, StringComparison.Ordinal);
        Assert.Contains("Streams__enrichment__MaxDeliveryTime", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void DeliveryTimeLongerThanVisibility_IsAllowedWhenConsumersAcknowledge()
    {
        var options = new PostgresStreamOptions { AcknowledgeOnDelivery = false, MaxDeliveryTime = TimeSpan.FromMinutes(5) };

        Assert.True(new PostgresStreamOptionsValidator().Validate("enrichment", options).Succeeded);
    }

    [Fact]
    public void OutOfRangeNumbersAndTimes_AreEachReported()
    {
        var options = new PostgresStreamOptions { QueueCount = 0, MaxAttempts = 0, BatchSize = 0, PollingPeriod = TimeSpan.Zero, CleanupInterval = TimeSpan.Zero };

        var result = new PostgresStreamOptionsValidator().Validate("enrichment", options);

        Assert.Equal(
            ["QueueCount", "MaxAttempts", "BatchSize", "PollingPeriod", "CleanupInterval"],
            result.Failures!.Select(f => f.Split(' ')[0].Split(':')[^1]));
    }
}
