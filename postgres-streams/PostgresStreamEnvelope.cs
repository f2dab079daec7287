namespace PostgresStreams;

/// <summary>
/// What a queue row's payload holds: one produced batch of events, written with Orleans'
/// serializer. New members get new ids so rows written by older builds stay readable.
/// </summary>
[GenerateSerializer, Alias("PostgresStreams.PostgresStreamEnvelope")]
internal sealed class PostgresStreamEnvelope
{
    [Id(0)] public required StreamId StreamId { get; init; }

    [Id(1)] public required List<object> Events { get; init; }

    /// <summary>The producer's request context, restored around delivery.</summary>
    [Id(2)] public Dictionary<string, object>? RequestContext { get; init; }
}
