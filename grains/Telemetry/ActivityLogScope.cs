using System.Collections;

namespace Juicebox.Grains.Telemetry;

/// <summary>The trace and span ids of the activity a record was written in, as <c>TraceId</c> and <c>SpanId</c> scope properties.</summary>
public sealed class ActivityLogScope(string traceId, string spanId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("TraceId", traceId),
        1 => new("SpanId", spanId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"TraceId:{traceId} SpanId:{spanId}";
}
