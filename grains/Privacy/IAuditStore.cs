using Juicebox.GrainInterfaces.Privacy;

namespace Juicebox.Grains.Privacy;

/// <summary>Where audit rows are kept: PostgreSQL in Cluster mode (<see cref="PostgresAuditStore"/>), memory in Embedded mode.</summary>
public interface IAuditStore
{
    /// <summary>Stores the rows in one write, giving each the next id in order.</summary>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Rows with an id above <paramref name="afterId"/>, in id order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long? afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Puts <paramref name="pseudonym"/> in place of <paramref name="profileId"/> in every row naming it; returns how many.</summary>
    Task<int> PseudonymizeAsync(string profileId, string pseudonym, CancellationToken cancellationToken = default);

    /// <summary>Deletes rows written before <paramref name="cutoff"/>, at most <paramref name="limit"/>, oldest first; returns how many.</summary>
    Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default);
}
