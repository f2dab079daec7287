using System.Collections.Concurrent;

namespace Juicebox.GrainInterfaces.Profiles;

/// <summary>
/// The process's table of JSON string values that many profiles repeat (skills, companies, titles,
/// locations, schools, degrees, fields, month dates), as the raw UTF-8 bytes between their quotes:
/// <see cref="PackedProfileJson"/> refers to an entry by its index instead of holding its bytes.
/// Entries are added, never changed or removed, so an index stays valid for the process's life;
/// the table is bounded by <see cref="MaxEntries"/> entries of at most <see cref="MaxEntryBytes"/>
/// bytes (about 40 MB at the very most), after which values are held inline. Indices mean nothing
/// in another process: packed JSON never leaves the process that packed it.
/// </summary>
public static class SharedJsonStrings
{
    /// <summary>Entries the three reference tokens can address (three times 2^16).</summary>
    public const int MaxEntries = 3 << 16;

    public const int MaxEntryBytes = 120;

    private const int SegmentBits = 12;
    private const int SegmentSize = 1 << SegmentBits;

    // Looked up without a lock (every packing looks up a score of values, on every core at once); added under one.
    private static readonly Lock _adding = new();
    private static readonly ConcurrentDictionary<byte[], int> _indices = new(ByteArrayComparer.Instance);
    private static readonly ConcurrentDictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _lookup = _indices.GetAlternateLookup<ReadOnlySpan<byte>>();

    // Segments are never moved once published, so readers need no lock.
    private static readonly byte[][]?[] _segments = new byte[][]?[MaxEntries / SegmentSize];
    private static int _count;

    /// <summary>Entries held now.</summary>
    public static int Count => Volatile.Read(ref _count);

    /// <summary>The index of <paramref name="value"/>, added if there is room; -1 when it is too long or the table is full.</summary>
    public static int IndexOf(ReadOnlySpan<byte> value)
    {
        if (value.Length > MaxEntryBytes)
        {
            return -1;
        }

        if (_lookup.TryGetValue(value, out var index))
        {
            return index;
        }

        lock (_adding)
        {
            if (_lookup.TryGetValue(value, out index))
            {
                return index;
            }

            if (_count == MaxEntries)
            {
                return -1;
            }

            index = _count;
            var entry = value.ToArray();
            var segment = _segments[index >> SegmentBits] ??= new byte[SegmentSize][];
            segment[index & (SegmentSize - 1)] = entry;

            // The entry is in its segment before any reader can find its index.
            Volatile.Write(ref _count, index + 1);
            _indices[entry] = index;
            return index;
        }
    }

    /// <summary>The bytes of entry <paramref name="index"/>, which <see cref="IndexOf"/> returned in this process.</summary>
    public static byte[] Get(int index) => _segments[index >> SegmentBits]![index & (SegmentSize - 1)];

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static ByteArrayComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
