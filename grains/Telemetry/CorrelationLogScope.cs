using System.Collections;
using Juicebox.GrainInterfaces.Telemetry;

namespace Juicebox.Grains.Telemetry;

/// <summary>
/// The log scope of one correlation id: structured as <c>CorrelationId</c> for providers that read
/// scope properties (the JSON console writes it into <c>Scopes</c>), and readable as text for the rest.
/// </summary>
public sealed class CorrelationLogScope(string correlationId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string CorrelationId { get; } = correlationId;

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(Correlation.LogPropertyName, CorrelationId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Correlation.LogPropertyName}:{CorrelationId}";
}
