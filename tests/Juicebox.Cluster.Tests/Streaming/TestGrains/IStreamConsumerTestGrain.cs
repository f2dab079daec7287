namespace Juicebox.Cluster.Tests.Streaming.TestGrains;

/// <summary>What an implicitly subscribed consumer grain received.</summary>
[GenerateSerializer, Alias("Juicebox.Cluster.Tests.Streaming.ReceivedStreamItem")]
public sealed record ReceivedStreamItem(
    [property: Id(0)] string Item,
    [property: Id(1)] string TokenType,
    [property: Id(2)] long MessageId,
    [property: Id(3)] int Attempt);

/// <summary>
/// Subscribed implicitly to the <see cref="PostgresStreamClusterFixture.Namespace"/> namespace; the
/// grain key is the stream key. It throws on every item equal to <see cref="Poison"/>.
/// </summary>
[Alias("Juicebox.Cluster.Tests.Streaming.IStreamConsumerTestGrain")]
public interface IStreamConsumerTestGrain : IGrainWithGuidKey
{
    const string Poison = "poison";

    /// <summary>Every item delivered so far, failed deliveries of the poison item included, in delivery order.</summary>
    [Alias("GetReceived")]
    Task<IReadOnlyList<ReceivedStreamItem>> GetReceivedAsync();
}
