using System.Collections.Concurrent;

namespace Juicebox.Grains.Privacy;

/// <summary>The webhook event ids of Embedded mode, in this process's memory.</summary>
public sealed class InMemoryWebhookEventLog : IWebhookEventLog
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task<bool> TryRecordAsync(string eventId, string type, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Task.FromResult(_seen.TryAdd(eventId, at));

    /// <inheritdoc/>
    public Task ForgetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        _seen.TryRemove(eventId, out _);
        return Task.CompletedTask;
    }
}
