using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Juicebox.Grains.Profiles;

namespace Juicebox.Grains.Persistence;

/// <summary>
/// Reads a stored <see cref="ProfileState"/> without building its profile's objects. The profile's JSON, as the
/// storage serializer wrote it, is rewritten token by token into the public API's JSON (<see cref="ProfileJson"/>:
/// its member names, null members left out) and packed: the bytes the grain's first read over HTTP would have
/// rendered from the objects, for a fraction of the work and none of the objects. Both layouts come from the two
/// serializers' own metadata for the same types, so a renamed member moves both. A state or a profile it does not
/// expect (an unknown member, a summary-only copy, a list the row lacks) is left to the serializer.
/// </summary>
internal sealed class StoredProfileJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly ObjectLayout _profile;
    private readonly StateLayout _state;
    private readonly JsonWriterOptions _writerOptions;

    private StoredProfileJson(ObjectLayout profile, StateLayout state, JsonWriterOptions writerOptions)
    {
        _profile = profile;
        _state = state;
        _writerOptions = writerOptions;
    }

    /// <summary>The reader for states stored with <paramref name="storage"/>; null when a member is of a kind it cannot rewrite exactly.</summary>
    public static StoredProfileJson? Create(JsonSerializerOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var web = ProfileJson.Options;

        // Options the storage has not used yet have no resolver: a copy gets the one serializing would give them.
        if (!storage.IsReadOnly)
        {
            storage = new JsonSerializerOptions(storage) { TypeInfoResolver = storage.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver() };
        }

        var profile = ObjectLayout.Describe(typeof(ProfileData), storage, web);
        var state = StateLayout.Describe(storage);
        if (profile is null || state is null)
        {
            return null;
        }

        return new StoredProfileJson(profile, state, new JsonWriterOptions { Encoder = web.Encoder, Indented = false, SkipValidation = true });
    }

    /// <summary>
    /// The state in <paramref name="payload"/> with its profile parked (<see cref="ProfileState.Profile"/> left null);
    /// false when the payload is not one this reader takes apart, and the serializer must read it.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out ProfileState? state, [NotNullWhen(true)] out ParkedProfile? parked)
    {
        state = null;
        parked = null;
        try
        {
            var read = new ProfileState();
            if (!TryReadState(payload, read, out var profileJson) || read.SummaryOnly || profileJson.IsEmpty)
            {
                return false;
            }

            parked = TryPark(profileJson);
            state = parked is null ? null : read;
            return parked is not null;
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    private bool TryReadState(ReadOnlySpan<byte> payload, ProfileState state, out ReadOnlySpan<byte> profileJson)
    {
        profileJson = default;
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = _state.Find(ref reader);
            reader.Read();
            var isNull = reader.TokenType == JsonTokenType.Null;
            switch (member)
            {
                case nameof(ProfileState.Profile) when reader.TokenType == JsonTokenType.StartObject:
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    profileJson = payload[start..(int)reader.BytesConsumed];
                    break;
                case nameof(ProfileState.Profile) when isNull:
                    break;
                case nameof(ProfileState.FetchedAt):
                    state.FetchedAt = isNull ? null : reader.GetDateTimeOffset();
                    break;
                case nameof(ProfileState.ContentHash):
                    state.ContentHash = isNull ? null : reader.GetString();
                    break;
                case nameof(ProfileState.EnrichedAt):
                    state.EnrichedAt = isNull ? null : reader.GetDateTimeOffset();
                    break;
                case nameof(ProfileState.SummaryOnly):
                    state.SummaryOnly = reader.GetBoolean();
                    break;
                case nameof(ProfileState.RefreshRequested):
                    state.RefreshRequested = reader.GetBoolean();
                    break;
                default:
                    return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private ParkedProfile? TryPark(ReadOnlySpan<byte> profileJson)
    {
        var json = t_json ??= new ArrayBufferWriter<byte>(2048);
        var writer = t_writer ??= new Utf8JsonWriter(json, _writerOptions);
        try
        {
            writer.Reset(json);
            var reader = new Utf8JsonReader(profileJson);
            reader.Read();
            var top = new TopMembers();
            if (!TryRewriteObject(ref reader, profileJson, writer, _profile, ref top))
            {
                return null;
            }

            writer.Flush();
            return new ParkedProfile(PackedProfileJson.Pack(json.WrittenSpan, top.ContactOffset), top.EnrichedAt);
        }
        finally
        {
            json.ResetWrittenCount();
        }
    }

    private static bool TryRewriteObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8JsonWriter writer, ObjectLayout layout, ref TopMembers top)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var isTop = reader.CurrentDepth == 0;
        var seenLists = 0;
        writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (layout.Find(ref reader) is not { } member)
            {
                return false;
            }

            reader.Read();
            if (member.Kind == MemberKind.List)
            {
                seenLists++;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            if (isTop && member.IsContact)
            {
                top.ContactOffset = (int)(writer.BytesCommitted + writer.BytesPending);
            }
            else if (isTop && member.IsEnrichedAt)
            {
                top.EnrichedAt = reader.GetDateTimeOffset();
            }

            writer.WritePropertyName(member.RenderedName);
            if (!TryRewriteValue(ref reader, json, writer, member.Kind, member.Nested, ref top))
            {
                return false;
            }
        }

        writer.WriteEndObject();

        // A list the row lacks is an empty list in the objects, which the API's JSON writes: the serializer knows.
        return reader.TokenType == JsonTokenType.EndObject && seenLists == layout.Lists;
    }

    private static bool TryRewriteValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8JsonWriter writer, MemberKind kind, Layout? nested, ref TopMembers top)
    {
        switch (kind)
        {
            case MemberKind.Text when reader.TokenType == JsonTokenType.String:
                WriteText(ref reader, writer);
                return true;

            // Numbers, dates and booleans: both serializers write them alike, unescaped.
            case MemberKind.Literal when reader.TokenType is JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False
                || (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped):
                writer.WriteRawValue(json[(int)reader.TokenStartIndex..(int)reader.BytesConsumed], skipInputValidation: true);
                return true;
            case MemberKind.Object when nested is ObjectLayout layout:
                return TryRewriteObject(ref reader, json, writer, layout, ref top);
            case MemberKind.List when nested is ListLayout list && reader.TokenType == JsonTokenType.StartArray:
                writer.WriteStartArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        writer.WriteNullValue();
                    }
                    else if (!TryRewriteValue(ref reader, json, writer, list.ElementKind, list.Element, ref top))
                    {
                        return false;
                    }
                }

                writer.WriteEndArray();
                return true;
            default:
                return false;
        }
    }

    // Re-encoded rather than copied: the API's writer escapes as the API's serializer would, whatever the storage's encoder did.
    private static void WriteText(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        if (!reader.ValueIsEscaped)
        {
            writer.WriteStringValue(reader.ValueSpan);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var length = reader.CopyString(rented);
            writer.WriteStringValue(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // The C# member a serializer's property stands for: what pairs the storage's layout with the API's.
    private static string? ClrName(JsonPropertyInfo property) => (property.AttributeProvider as MemberInfo)?.Name;

    private ref struct TopMembers
    {
        public int? ContactOffset;
        public DateTimeOffset? EnrichedAt;
    }

    private enum MemberKind
    {
        Text,
        Literal,
        Object,
        List,
    }

    private abstract class Layout;

    private sealed class ListLayout(MemberKind elementKind, Layout? element) : Layout
    {
        public MemberKind ElementKind { get; } = elementKind;

        public Layout? Element { get; } = element;
    }

    // The two top-level members the rewrite notes are told apart once, not by name on every read.
    private sealed record Member(byte[] StoredName, JsonEncodedText RenderedName, MemberKind Kind, Layout? Nested, string ClrName)
    {
        public bool IsContact { get; } = ClrName == nameof(ProfileData.Contact);

        public bool IsEnrichedAt { get; } = ClrName == nameof(ProfileData.EnrichedAt);
    }

    private sealed class ObjectLayout(Member[] members) : Layout
    {
        public int Lists { get; } = members.Count(member => member.Kind == MemberKind.List);

        // A loop over the array: an enumerator over a list interface would cost an object per member read.
        public Member? Find(ref Utf8JsonReader reader)
        {
            for (var index = 0; index < members.Length; index++)
            {
                if (reader.ValueTextEquals(members[index].StoredName))
                {
                    return members[index];
                }
            }

            return null;
        }

        /// <summary>
        /// Pairs each member's stored name with its name in the API's JSON; null unless both serializers write the
        /// same members in the same order, each of a kind this reader rewrites exactly.
        /// </summary>
        public static ObjectLayout? Describe(Type type, JsonSerializerOptions storage, JsonSerializerOptions web)
        {
            var stored = storage.GetTypeInfo(type);
            var rendered = web.GetTypeInfo(type);
            if (stored.Kind != JsonTypeInfoKind.Object || rendered.Kind != JsonTypeInfoKind.Object || stored.Properties.Count != rendered.Properties.Count)
            {
                return null;
            }

            var members = new List<Member>();
            for (var index = 0; index < stored.Properties.Count; index++)
            {
                var storedProperty = stored.Properties[index];
                var renderedProperty = rendered.Properties[index];
                var clrName = ClrName(storedProperty);
                if (clrName is null || clrName != ClrName(renderedProperty) || !TryKindOf(storedProperty.PropertyType, storage, web, out var kind, out var nested))
                {
                    return null;
                }

                // A value type's default would be left out of the row but written in the API's JSON.
                if (storedProperty.PropertyType.IsValueType && Nullable.GetUnderlyingType(storedProperty.PropertyType) is null
                    && storage.DefaultIgnoreCondition == JsonIgnoreCondition.WhenWritingDefault)
                {
                    return null;
                }

                members.Add(new Member(Encoding.UTF8.GetBytes(storedProperty.Name), JsonEncodedText.Encode(renderedProperty.Name, web.Encoder), kind, nested, clrName));
            }

            return new ObjectLayout([.. members]);
        }

        private static bool TryKindOf(Type type, JsonSerializerOptions storage, JsonSerializerOptions web, out MemberKind kind, out Layout? nested)
        {
            nested = null;
            var plain = Nullable.GetUnderlyingType(type) ?? type;
            if (plain == typeof(string))
            {
                kind = MemberKind.Text;
                return true;
            }

            if (plain == typeof(DateTimeOffset) || plain == typeof(int) || plain == typeof(long) || plain == typeof(bool))
            {
                kind = MemberKind.Literal;
                return true;
            }

            var info = storage.GetTypeInfo(plain);
            if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType
                && TryKindOf(elementType, storage, web, out var elementKind, out var element) && elementKind != MemberKind.List)
            {
                kind = MemberKind.List;
                nested = new ListLayout(elementKind, element);
                return true;
            }

            kind = MemberKind.Object;
            nested = info.Kind == JsonTypeInfoKind.Object ? Describe(plain, storage, web) : null;
            return nested is not null;
        }
    }

    /// <summary>The stored names of <see cref="ProfileState"/>'s members, as its serializer writes them.</summary>
    private sealed class StateLayout((byte[] StoredName, string ClrName)[] members)
    {
        private static readonly string[] Known =
        [
            nameof(ProfileState.Profile), nameof(ProfileState.FetchedAt), nameof(ProfileState.ContentHash),
            nameof(ProfileState.EnrichedAt), nameof(ProfileState.SummaryOnly), nameof(ProfileState.RefreshRequested),
        ];

        public string? Find(ref Utf8JsonReader reader)
        {
            for (var index = 0; index < members.Length; index++)
            {
                if (reader.ValueTextEquals(members[index].StoredName))
                {
                    return members[index].ClrName;
                }
            }

            return null;
        }

        // Null when the state has a member this reader does not fill: the serializer must read every such state.
        public static StateLayout? Describe(JsonSerializerOptions storage)
        {
            var members = storage.GetTypeInfo(typeof(ProfileState)).Properties
                .Select(property => (StoredName: Encoding.UTF8.GetBytes(property.Name), ClrName: ClrName(property)))
                .ToList();
            return members.Count == Known.Length && members.All(member => member.ClrName is not null && Known.Contains(member.ClrName))
                ? new StateLayout([.. members.Select(member => (member.StoredName, member.ClrName!))])
                : null;
        }
    }
}
