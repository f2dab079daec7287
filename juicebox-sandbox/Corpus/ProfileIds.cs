namespace Juicebox.Sandbox.Corpus;

/// <summary>
/// Maps a profile index to its opaque id and back. The index goes through a keyed Feistel
/// permutation of 64 bits, so ids look random, differ between seeds, and decode without a lookup.
/// </summary>
internal sealed class ProfileIds
{
    public const string Prefix = "jb_";
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int CodeLength = 13;
    private const int Rounds = 4;

    private readonly uint[] _roundKeys = new uint[Rounds];
    private readonly int _count;

    public ProfileIds(ulong seed, int count)
    {
        _count = count;
        var rng = new SplitMix64(seed ^ 0x1D5_0000_0000_0001UL);
        for (var i = 0; i < Rounds; i++)
        {
            _roundKeys[i] = (uint)rng.Next();
        }
    }

    public string ToId(int index)
    {
        return Prefix + ToCode(index);
    }

    /// <summary>The 13-character code of an index, also embedded in LinkedIn URLs.</summary>
    public string ToCode(int index)
    {
        var value = Permute((ulong)index);
        return string.Create(CodeLength, value, static (span, v) =>
        {
            // 13 characters of 5 bits cover 65 bits; the top character carries the remaining 4.
            for (var i = CodeLength - 1; i >= 0; i--)
            {
                span[i] = Alphabet[(int)(v & 31)];
                v >>= 5;
            }
        });
    }

    public bool TryParseId(string? id, out int index)
    {
        index = -1;
        if (id is null || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return TryParseCode(id.AsSpan(Prefix.Length), out index);
    }

    public bool TryParseCode(ReadOnlySpan<char> code, out int index)
    {
        index = -1;
        if (code.Length != CodeLength)
        {
            return false;
        }

        ulong value = 0;
        foreach (var c in code)
        {
            var digit = Alphabet.IndexOf(c);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 5) | (uint)digit;
        }

        if (code[0] > Alphabet[15])
        {
            // Only 4 bits fit in the first character; anything larger is not an id we issued.
            return false;
        }

        var candidate = Unpermute(value);
        if (candidate >= (ulong)_count)
        {
            return false;
        }

        index = (int)candidate;
        return true;
    }

    private ulong Permute(ulong value)
    {
        var left = (uint)(value >> 32);
        var right = (uint)value;
        for (var round = 0; round < Rounds; round++)
        {
            (left, right) = (right, left ^ RoundFunction(right, _roundKeys[round]));
        }

        return ((ulong)left << 32) | right;
    }

    private ulong Unpermute(ulong value)
    {
        var left = (uint)(value >> 32);
        var right = (uint)value;
        for (var round = Rounds - 1; round >= 0; round--)
        {
            (left, right) = (right ^ RoundFunction(left, _roundKeys[round]), left);
        }

        return ((ulong)left << 32) | right;
    }

    private static uint RoundFunction(uint half, uint key)
    {
        return (uint)SplitMix64.Mix(((ulong)key << 32) | half);
    }
}
