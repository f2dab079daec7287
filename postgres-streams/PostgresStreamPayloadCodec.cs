using Orleans.Serialization;

namespace PostgresStreams;

/// <summary>Turns a produced batch into a queue row's payload and back, with Orleans' serializer.</summary>
internal sealed class PostgresStreamPayloadCodec(Serializer serializer)
{
    public byte[] Encode(PostgresStreamEnvelope envelope) => serializer.SerializeToArray(envelope);

    public PostgresStreamEnvelope Decode(byte[] payload) =>
        serializer.Deserialize<PostgresStreamEnvelope>(payload)
        ?? throw new InvalidDataException("The stream message payload holds no envelope.");
}
