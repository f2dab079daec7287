namespace Juicebox.LoadGenerator;

/// <summary>One worker's source of target indexes, in the plan's <see cref="LoadOrder"/>.</summary>
internal sealed class IdPicker
{
    private readonly LoadOrder _order;
    private readonly int _count;
    private readonly Random _random;
    private readonly SequentialCursor? _cursor;
    private readonly ZipfDistribution? _zipf;

    private IdPicker(LoadOrder order, int count, int seed, SequentialCursor? cursor, ZipfDistribution? zipf)
    {
        _order = order;
        _count = count;
        _random = new Random(seed);
        _cursor = cursor;
        _zipf = zipf;
    }

    /// <summary>Always index 0, for a path without <c>{id}</c>.</summary>
    public static IdPicker Constant() => new(LoadOrder.Uniform, 1, 0, null, null);

    public static IdPicker Sequential(SequentialCursor cursor) => new(LoadOrder.Sequential, 0, 0, cursor, null);

    public static IdPicker Uniform(int count, int seed) => new(LoadOrder.Uniform, count, seed, null, null);

    public static IdPicker Zipf(ZipfDistribution zipf, int seed) => new(LoadOrder.Zipf, zipf.Count, seed, null, zipf);

    /// <summary>False once a sequential run has handed out every index.</summary>
    public bool TryNext(out int index)
    {
        switch (_order)
        {
            case LoadOrder.Sequential:
                return _cursor!.TryNext(out index);
            case LoadOrder.Zipf:
                index = _zipf!.Sample(_random);
                return true;
            default:
                index = _count == 1 ? 0 : _random.Next(_count);
                return true;
        }
    }
}
