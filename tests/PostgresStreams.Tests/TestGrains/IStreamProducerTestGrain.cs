namespace PostgresStreams.Tests.TestGrains;

/// <summary>Produces events on a stream of the test's PostgreSQL stream provider.</summary>
[Alias("PostgresStreams.Tests.IStreamProducerTestGrain")]
public interface IStreamProducerTestGrain : IGrainWithGuidKey
{
    /// <summary>Sends every item as its own message, in order, on stream (<paramref name="streamNamespace"/>, <paramref name="streamKey"/>).</summary>
    [Alias("Send")]
    Task SendAsync(string streamNamespace, Guid streamKey, IReadOnlyList<string> items);
}
