using Juicebox.GrainInterfaces.Privacy;
using Orleans.Concurrency;

namespace Juicebox.Grains.Privacy;

/// <summary>
/// The audit log's door for client-api: batches in, pages out; any silo serves any call. client-api
/// buffers rows for up to a second, so a contact read can arrive just after its person was erased: a row
/// naming a suppressed person is stored under the pseudonym (one look-up per batch).
/// </summary>
[StatelessWorker]
public sealed class AuditLogGrain(IAuditStore store, ProfileSuppression suppression) : Grain, IAuditLogGrain
{
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        List<string> named = [.. entries.Select(entry => entry.ProfileId).OfType<string>().Distinct(StringComparer.Ordinal)];
        var suppressed = await suppression.FindSuppressedAsync(named);
        await store.AppendAsync(suppressed.Count == 0
            ? entries
            : [.. entries.Select(entry => entry.ProfileId is { } id && suppressed.Contains(id) ? entry with { ProfileId = suppression.Pseudonym(id) } : entry)]);
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long? afterId, int limit) => store.ReadAsync(afterId, limit);
}
