namespace Juicebox.LoadGenerator;

/// <summary>Hands out the indexes <c>first … end-1</c> (by default <c>0 … count-1</c>) once each, to all workers together.</summary>
internal sealed class SequentialCursor(int count, int first = 0, int? end = null)
{
    private readonly int _end = end ?? count;
    private int _next = first;

    public bool TryNext(out int index)
    {
        index = Interlocked.Increment(ref _next) - 1;
        return index < _end;
    }
}
