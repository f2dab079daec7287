namespace Juicebox.Sandbox.Corpus;

/// <summary>
/// A tiny, explicitly specified PRNG (SplitMix64). Its output depends only on the seed, so the same
/// seed yields the same sequence in every process and on every runtime version.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A value in [0, bound).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)((Next() >> 32) * (ulong)bound >> 32);
    }

    /// <summary>A value in [min, max].</summary>
    public int NextInt(int min, int max)
    {
        return min + NextInt(max - min + 1);
    }

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble()
    {
        return (Next() >> 11) * (1.0 / (1UL << 53));
    }

    public bool NextBool(double probability)
    {
        return NextDouble() < probability;
    }

    public T Pick<T>(IReadOnlyList<T> items)
    {
        return items[NextInt(items.Count)];
    }
}
