using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;

namespace Juicebox.GrainInterfaces.Profiles;

/// <summary>
/// A profile's rendered JSON (<see cref="ProfileJson.Render(ProfileData, out int?)"/>) held in about 40 %
/// of its bytes, expanded back to the identical bytes by one pass that copies runs and looks tokens up.
/// The bytes 0x00-0x1F never occur in JSON text (the serializer escapes them inside strings), so each
/// one is free to stand for something: 0x00-0x1C for a fixed fragment the renderer always writes (a
/// member's name with its quotes, e.g. <c>","startDate":"</c>), 0x1D-0x1F followed by two bytes for an
/// entry of <see cref="SharedJsonStrings"/> (the value of a member that repeats across profiles).
/// The part before the contact block and the contact block are packed apart, so the body without
/// contact data is still a prefix. Indices into the shared table are only valid in this process: what
/// leaves it is the expanded JSON (<see cref="ProfileRead.ProfileJson"/>).
/// </summary>
/// <remarks>
/// Layout: the expanded length, the expanded contact offset (-1: none) and the packed contact offset
/// (-1: none), as little-endian 32-bit integers, then the packed body.
/// </remarks>
public static class PackedProfileJson
{
    private const int HeaderBytes = 12;
    private const byte FirstReference = 0x1D;
    private const byte LastToken = 0x1F;
    private const int ReferenceBytes = 3;

    // The renderer's fixed fragments, in the order ProfileData renders its members; a byte's fragment is Fragments[byte].
    private static readonly byte[][] _fragments =
    [
        "{\"id\":\""u8.ToArray(),
        "\",\"name\":\""u8.ToArray(),
        "\",\"title\":\""u8.ToArray(),
        "\",\"company\":\""u8.ToArray(),
        "\",\"location\":\""u8.ToArray(),
        "\",\"linkedinUrl\":\"https://www.linkedin.com/in/"u8.ToArray(),
        "\",\"linkedinUrl\":\""u8.ToArray(),
        "\",\"skills\":[\""u8.ToArray(),
        "\"],\"headline\":\""u8.ToArray(),
        "\",\"experience\":[{\"company\":\""u8.ToArray(),
        "\"},{\"company\":\""u8.ToArray(),
        "\",\"startDate\":\""u8.ToArray(),
        "\",\"endDate\":\""u8.ToArray(),
        "\",\"description\":\""u8.ToArray(),
        "\"}],\"education\":[{\"school\":\""u8.ToArray(),
        "\",\"degree\":\""u8.ToArray(),
        "\",\"field\":\""u8.ToArray(),
        "\",\"startYear\":"u8.ToArray(),
        ",\"endYear\":"u8.ToArray(),
        "},{\"school\":\""u8.ToArray(),
        "}],\"updatedAt\":\""u8.ToArray(),
        "\"}],\"updatedAt\":\""u8.ToArray(),
        "+00:00\",\"enrichedAt\":\""u8.ToArray(),
        "+00:00\""u8.ToArray(),
        ",\"contact\":{\"email\":\""u8.ToArray(),
        "\",\"personalEmail\":\""u8.ToArray(),
        "\",\"phone\":\""u8.ToArray(),
        "\",\""u8.ToArray(),
        "\"}"u8.ToArray(),
    ];

    // For each first byte, the tokens of the fragments starting with it, longest fragment first.
    private static readonly byte[][] _tokensByFirstByte = IndexFragments();

    // Render's working buffers, one set per thread: rendering and packing run without an await between.
    [ThreadStatic]
    private static RenderBuffers? t_buffers;

    /// <summary>
    /// <paramref name="profile"/> rendered (<see cref="ProfileJson.Render(ProfileData, out int?)"/>) and packed:
    /// the bytes of <see cref="Pack"/> of that rendering, with the JSON and the packing written into buffers
    /// this thread reuses, so that the packed array is the only one made (a profile grain renders once per
    /// copy it holds, so every activation from storage did: about 3 KB of arrays per profile).
    /// </summary>
    public static byte[] Render(ProfileData profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var buffers = t_buffers ??= new RenderBuffers();
        try
        {
            var contactOffset = ProfileJson.RenderTo(profile, buffers.Json, buffers.Part, buffers.Writer);
            return Pack(buffers.Json.WrittenSpan, contactOffset, buffers.Packed, buffers.Shared);
        }
        finally
        {
            buffers.Clear();
        }
    }

    /// <summary>
    /// Packs <paramref name="json"/>, a rendering by <see cref="ProfileJson"/> whose contact block starts at
    /// <paramref name="contactOffset"/>, in buffers this thread reuses (as <see cref="Render(ProfileData)"/> does).
    /// </summary>
    public static byte[] Pack(ReadOnlySpan<byte> json, int? contactOffset)
    {
        var buffers = t_buffers ??= new RenderBuffers();
        try
        {
            return Pack(json, contactOffset, buffers.Packed, buffers.Shared);
        }
        finally
        {
            buffers.Clear();
        }
    }

    private static byte[] Pack(ReadOnlySpan<byte> json, int? contactOffset, ArrayBufferWriter<byte> buffer, List<(int Start, int Length, int Index)> shared)
    {
        if (json.IndexOfAnyInRange((byte)0, LastToken) >= 0)
        {
            throw new ArgumentException("JSON text never holds a raw control byte; this is not a rendered profile.", nameof(json));
        }

        var cut = contactOffset ?? json.Length;
        if (cut < 0 || cut > json.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(contactOffset));
        }

        SharedValues(json, shared);
        buffer.Advance(HeaderBytes);
        var next = 0;
        Encode(json, 0, cut, shared, ref next, buffer);
        var packedCut = buffer.WrittenCount - HeaderBytes;
        Encode(json, cut, json.Length, shared, ref next, buffer);

        var packed = buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(packed, json.Length);
        BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(4), contactOffset ?? -1);
        BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(8), contactOffset is null ? -1 : packedCut);
        return packed;
    }

    /// <summary>Where the contact block starts in the expanded JSON; null when it has none.</summary>
    public static int? ContactOffset(byte[] packed)
    {
        var offset = BinaryPrimitives.ReadInt32LittleEndian(packed.AsSpan(4));
        return offset < 0 ? null : offset;
    }

    /// <summary>The length of the JSON <see cref="WriteTo"/> writes.</summary>
    public static int Length(byte[] packed, bool withContact) =>
        withContact || ContactOffset(packed) is not { } offset ? BinaryPrimitives.ReadInt32LittleEndian(packed) : offset + 1;

    /// <summary>
    /// Writes the JSON into <paramref name="destination"/> (at least <see cref="Length"/> bytes); without
    /// contact data, the body before the contact block and a closing brace (<see cref="ProfileJson.WithoutContact"/>).
    /// </summary>
    public static void WriteTo(byte[] packed, bool withContact, Span<byte> destination)
    {
        var body = packed.AsSpan(HeaderBytes);
        var packedCut = BinaryPrimitives.ReadInt32LittleEndian(packed.AsSpan(8));
        if (withContact || packedCut < 0)
        {
            Expand(body, destination);
            return;
        }

        var written = Expand(body[..packedCut], destination);
        destination[written] = (byte)'}';
    }

    /// <summary>The whole JSON, contact block included.</summary>
    public static byte[] ToArray(byte[] packed)
    {
        var json = new byte[Length(packed, withContact: true)];
        WriteTo(packed, withContact: true, json);
        return json;
    }

    private static int Expand(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // Byte by byte: the runs between tokens are a few bytes long, too short for a vectorized search
        // and a Memmove per run to pay off (twice as fast on the sandbox's profiles).
        var written = 0;
        var read = 0;
        while (read < source.Length)
        {
            var next = source[read];
            if (next > LastToken)
            {
                destination[written++] = next;
                read++;
                continue;
            }

            byte[] expansion;
            if (next < FirstReference)
            {
                expansion = _fragments[next];
                read++;
            }
            else
            {
                expansion = SharedJsonStrings.Get(((next - FirstReference) << 16) | (source[read + 1] << 8) | source[read + 2]);
                read += ReferenceBytes;
            }

            expansion.CopyTo(destination[written..]);
            written += expansion.Length;
        }

        return written;
    }

    /// <summary>Packs json[start..end): shared values as references, the rest with fragments where they fit.</summary>
    private static void Encode(ReadOnlySpan<byte> json, int start, int end, List<(int Start, int Length, int Index)> shared, ref int next, ArrayBufferWriter<byte> output)
    {
        var position = start;
        while (position < end)
        {
            var value = next < shared.Count ? shared[next] : default;
            var limit = next < shared.Count && value.Start < end ? value.Start : end;
            position = EncodeFragments(json, position, limit, output);
            if (limit == end)
            {
                return;
            }

            var reference = output.GetSpan(ReferenceBytes);
            reference[0] = (byte)(FirstReference + (value.Index >> 16));
            reference[1] = (byte)(value.Index >> 8);
            reference[2] = (byte)value.Index;
            output.Advance(ReferenceBytes);
            position = value.Start + value.Length;
            next++;
        }
    }

    private static int EncodeFragments(ReadOnlySpan<byte> json, int position, int limit, ArrayBufferWriter<byte> output)
    {
        var span = output.GetSpan(limit - position);
        var written = 0;
        while (position < limit)
        {
            var match = -1;
            foreach (var token in _tokensByFirstByte[json[position]])
            {
                var fragment = _fragments[token];
                if (position + fragment.Length <= limit && json[position..].StartsWith(fragment))
                {
                    match = token;
                    break;
                }
            }

            if (match < 0)
            {
                span[written++] = json[position++];
            }
            else
            {
                span[written++] = (byte)match;
                position += _fragments[match].Length;
            }
        }

        output.Advance(written);
        return position;
    }

    /// <summary>The string values of the shared members, in order, each with its index in the shared table.</summary>
    private static void SharedValues(ReadOnlySpan<byte> json, List<(int Start, int Length, int Index)> values)
    {
        var reader = new Utf8JsonReader(json);
        var sharedMember = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                sharedMember = IsSharedMember(reader.ValueSpan);
            }
            else if (reader.TokenType == JsonTokenType.String && sharedMember && reader.ValueSpan.Length > ReferenceBytes)
            {
                // The raw bytes between the quotes, escapes as written: what expanding must put back.
                var index = SharedJsonStrings.IndexOf(reader.ValueSpan);
                if (index >= 0)
                {
                    values.Add(((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, index));
                }
            }
        }
    }

    /// <summary>The members whose string values (or array items) go to the shared table.</summary>
    private static bool IsSharedMember(ReadOnlySpan<byte> name) => name.Length switch
    {
        5 => name.SequenceEqual("title"u8) || name.SequenceEqual("field"u8),
        6 => name.SequenceEqual("skills"u8) || name.SequenceEqual("school"u8) || name.SequenceEqual("degree"u8),
        7 => name.SequenceEqual("company"u8) || name.SequenceEqual("endDate"u8),
        8 => name.SequenceEqual("location"u8),
        9 => name.SequenceEqual("startDate"u8),
        _ => false,
    };

    private static byte[][] IndexFragments()
    {
        var index = new byte[256][];
        for (var first = 0; first < index.Length; first++)
        {
            index[first] = [.. Enumerable.Range(0, _fragments.Length).Where(token => _fragments[token][0] == first).OrderByDescending(token => _fragments[token].Length).Select(token => (byte)token)];
        }

        return index;
    }

    private sealed class RenderBuffers
    {
        public ArrayBufferWriter<byte> Json { get; } = new(2048);

        public ArrayBufferWriter<byte> Part { get; } = new(2048);

        public ArrayBufferWriter<byte> Packed { get; } = new(1024);

        public List<(int Start, int Length, int Index)> Shared { get; } = new(64);

        public Utf8JsonWriter Writer { get; } = ProfileJson.CreateWriter(Stream.Null);

        public void Clear()
        {
            Json.ResetWrittenCount();
            Part.ResetWrittenCount();
            Packed.ResetWrittenCount();
            Shared.Clear();
            Writer.Reset(Stream.Null);
        }
    }
}
