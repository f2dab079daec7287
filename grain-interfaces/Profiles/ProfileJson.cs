using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Juicebox.GrainInterfaces.Profiles;

/// <summary>
/// The public API's JSON: web defaults, null members left out, enums as camelCase strings, numbers
/// read only as JSON numbers (the web defaults would also take "3" for 3, which the OpenAPI document
/// does not promise; writing is the same either way, so the bytes a grain renders are). client-api
/// configures its HTTP JSON with <see cref="Configure"/> and profile grains render with <see cref="Options"/>,
/// so a profile rendered once by its grain reads exactly as one serialized per response.
/// </summary>
public static class ProfileJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    private static readonly byte[] ContactMember = ",\"contact\":"u8.ToArray();

    /// <summary>The UTF-8 JSON body of <c>GET /api/v1/profiles/{id}</c> for <paramref name="profile"/>.</summary>
    public static byte[] Render(ProfileData profile) => JsonSerializer.SerializeToUtf8Bytes(profile, Options);

    /// <summary>
    /// As <see cref="Render(ProfileData)"/>, and where the contact block starts: the body without it is the
    /// first <paramref name="contactOffset"/> bytes and a closing brace (<see cref="WithoutContact"/>), so
    /// one rendering serves callers who may see contact data and callers who may not.
    /// </summary>
    /// <param name="contactOffset">The offset of <c>,"contact":</c>; null when the profile has no contact block.</param>
    public static byte[] Render(ProfileData profile, out int? contactOffset)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var json = new ArrayBufferWriter<byte>();
        using var writer = CreateWriter(Stream.Null);
        contactOffset = RenderTo(profile, json, new ArrayBufferWriter<byte>(), writer);
        return json.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes what <see cref="Render(ProfileData, out int?)"/> returns into <paramref name="json"/>, using
    /// <paramref name="part"/> and <paramref name="writer"/> on the way, and returns the contact block's offset.
    /// </summary>
    internal static int? RenderTo(ProfileData profile, ArrayBufferWriter<byte> json, ArrayBufferWriter<byte> part, Utf8JsonWriter writer)
    {
        if (profile.Contact is null)
        {
            Serialize(profile, json, writer);
            return null;
        }

        // The contact block is the last member (JsonPropertyOrder), so the full body is the body without it, opened again.
        Serialize(profile with { Contact = null }, part, writer);
        var offset = part.WrittenCount - 1;
        json.Write(part.WrittenSpan[..offset]);
        json.Write(ContactMember);
        part.ResetWrittenCount();
        Serialize(profile.Contact, part, writer);
        json.Write(part.WrittenSpan);
        json.Write("}"u8);
        return offset;
    }

    /// <summary>A writer that writes what the serializer with <see cref="Options"/> writes on its own.</summary>
    internal static Utf8JsonWriter CreateWriter(Stream stream) =>
        new(stream, new JsonWriterOptions { Encoder = Options.Encoder, Indented = Options.WriteIndented, MaxDepth = Options.MaxDepth, SkipValidation = true });

    private static void Serialize<T>(T value, ArrayBufferWriter<byte> destination, Utf8JsonWriter writer)
    {
        writer.Reset(destination);
        JsonSerializer.Serialize(writer, value, Options);
        writer.Flush();
    }

    /// <summary>The body of <see cref="Render(ProfileData, out int?)"/> without its contact block.</summary>
    public static byte[] WithoutContact(ReadOnlySpan<byte> json, int contactOffset)
    {
        var withheld = new byte[contactOffset + 1];
        WriteWithoutContact(json, contactOffset, withheld);
        return withheld;
    }

    /// <summary>Writes <see cref="WithoutContact"/>'s bytes (<paramref name="contactOffset"/> + 1 of them) into <paramref name="destination"/>.</summary>
    public static void WriteWithoutContact(ReadOnlySpan<byte> json, int contactOffset, Span<byte> destination)
    {
        json[..contactOffset].CopyTo(destination);
        destination[contactOffset] = (byte)'}';
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
