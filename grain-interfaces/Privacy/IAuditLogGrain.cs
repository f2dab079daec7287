namespace Juicebox.GrainInterfaces.Privacy;

/// <summary>The cluster's audit log: client-api hands it buffered rows in batches, operators page through it.</summary>
[Alias("Juicebox.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithIntegerKey
{
    /// <summary>Stores a batch of rows in one write.</summary>
    [Alias("AppendAsync")]
    Task AppendAsync(IReadOnlyList<AuditEntry> entries);

    /// <summary>Rows with an id above <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>.</summary>
    [Alias("ReadAsync")]
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long? afterId, int limit);
}
