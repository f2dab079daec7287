using Juicebox.GrainInterfaces.Telemetry;
using Microsoft.Extensions.Logging.Testing;

namespace Juicebox.Api.Tests.Telemetry;

/// <summary>What a captured log record says, everywhere a provider could write it.</summary>
internal static class LogRecordText
{
    /// <summary>The correlation ids in the record's scopes.</summary>
    public static IEnumerable<string> CorrelationIds(FakeLogRecord record) =>
        ScopeProperties(record)
            .Where(property => property.Key == Correlation.LogPropertyName)
            .Select(property => property.Value?.ToString() ?? string.Empty);

    /// <summary>The value of a scope property of the record (e.g. <c>TraceId</c>), or null.</summary>
    public static string? ScopeValue(FakeLogRecord record, string name) =>
        ScopeProperties(record).Where(property => property.Key == name).Select(property => property.Value?.ToString()).FirstOrDefault();

    /// <summary>The message, every state and scope value (and the scopes' own text), and the exception with its stack.</summary>
    public static IEnumerable<string> AllText(FakeLogRecord record)
    {
        yield return record.Message;
        yield return record.Category ?? string.Empty;
        if (record.State is { } state)
        {
            yield return state.ToString() ?? string.Empty;
        }

        foreach (var (key, value) in record.StructuredState ?? [])
        {
            yield return $"{key}={value}";
        }

        foreach (var scope in record.Scopes)
        {
            yield return scope?.ToString() ?? string.Empty;
        }

        foreach (var (key, value) in ScopeProperties(record))
        {
            yield return $"{key}={value}";
        }

        if (record.Exception is { } exception)
        {
            yield return exception.ToString();
        }
    }

    private static IEnumerable<KeyValuePair<string, object?>> ScopeProperties(FakeLogRecord record) =>
        record.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(properties => properties);
}
