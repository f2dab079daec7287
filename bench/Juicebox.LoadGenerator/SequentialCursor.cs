namespace Juicebox.LoadGenerator;

/// <summary>Hands out the indexes <c>0 … count-1</c> once each, to all workers together.</summary>
internal sealed class SequentialCursor(int count)
{
    private int _next;

    public bool TryNext(out int index)
    {
        index = Interlocked.Increment(ref _next) - 1;
        return index < count;
    }
}
