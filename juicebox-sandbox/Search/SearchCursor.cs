using System.Buffers.Binary;
using System.Buffers.Text;

namespace Juicebox.Sandbox.Search;

/// <summary>
/// An opaque page cursor: base64url of a version byte, the offset of the next result and the
/// fingerprint of the search it belongs to.
/// </summary>
internal static class SearchCursor
{
    private const byte Version = 1;
    private const int Length = 1 + sizeof(int) + sizeof(ulong);

    public static string Encode(int offset, ulong fingerprint)
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(bytes[1..], offset);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[5..], fingerprint);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Decodes a cursor; false when it is garbage or belongs to another search.</summary>
    public static bool TryDecode(string cursor, ulong fingerprint, out int offset)
    {
        offset = 0;
        Span<byte> bytes = stackalloc byte[Length + 3];
        if (!Base64Url.IsValid(cursor)
            || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written)
            || written != Length
            || bytes[0] != Version
            || BinaryPrimitives.ReadUInt64BigEndian(bytes[5..]) != fingerprint)
        {
            return false;
        }

        offset = BinaryPrimitives.ReadInt32BigEndian(bytes[1..]);
        return offset >= 0;
    }
}
