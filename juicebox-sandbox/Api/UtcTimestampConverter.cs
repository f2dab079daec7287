using System.Text.Json;
using System.Text.Json.Serialization;

namespace Juicebox.Sandbox.Api;

/// <summary>Writes timestamps as ISO 8601 UTC with a <c>Z</c>, as the contract shows them.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return reader.GetDateTimeOffset();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        writer.WriteStringValue(value.UtcDateTime);
    }
}
