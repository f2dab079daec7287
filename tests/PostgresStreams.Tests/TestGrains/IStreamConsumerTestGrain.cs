namespace PostgresStreams.Tests.TestGrains;

/// <summary>What an implicitly subscribed consumer grain received.</summary>
[GenerateSerializer, Alias("PostgresStreams.Tests.ReceivedStreamItem")]
public sealed record ReceivedStreamItem(
    [property: Id(0)] string Item,
    [property: Id(1)] string TokenType,
    [property: Id(2)] long MessageId,
    [property: Id(3)] int Attempt);

/// <summary>
/// Subscribed implicitly to the <see cref="PostgresStreamClusterFixture.Namespace"/> namespace; the
/// grain key is the stream key. It throws on every item equal to <see cref="Poison"/>, and holds the
/// first delivery of <see cref="Hold"/> until the test releases it (a consumer still busy when a silo dies).
/// </summary>
[Alias("PostgresStreams.Tests.IStreamConsumerTestGrain")]
public interface IStreamConsumerTestGrain : IGrainWithGuidKey
{
    const string Poison = "poison";

    const string Hold = "hold";

    /// <summary>Every item delivered so far, failed deliveries of the poison item included, in delivery order.</summary>
    [Alias("GetReceived")]
    Task<IReadOnlyList<ReceivedStreamItem>> GetReceivedAsync();
}
