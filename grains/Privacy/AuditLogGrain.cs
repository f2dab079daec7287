using Juicebox.GrainInterfaces.Privacy;
using Orleans.Concurrency;

namespace Juicebox.Grains.Privacy;

/// <summary>The audit log's door for client-api: batches in, pages out; any silo serves any call.</summary>
[StatelessWorker]
public sealed class AuditLogGrain(IAuditStore store) : Grain, IAuditLogGrain
{
    public Task AppendAsync(IReadOnlyList<AuditEntry> entries) => store.AppendAsync(entries);

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long? afterId, int limit) => store.ReadAsync(afterId, limit);
}
