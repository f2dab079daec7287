namespace Juicebox.Grains.Privacy;

/// <summary>
/// The suppression list: keyed hashes of erased ids (<see cref="SuppressionHasher"/>), each until an
/// expiry. PostgreSQL in Cluster mode (<see cref="PostgresSuppressionStore"/>), memory in Embedded mode.
/// </summary>
public interface ISuppressionStore
{
    /// <summary>Adds the hash, or moves its expiry to <paramref name="until"/> when it is already listed.</summary>
    Task AddAsync(byte[] hash, DateTimeOffset at, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="hashes"/> are listed and unexpired at <paramref name="now"/>, by their index.</summary>
    Task<IReadOnlySet<int>> FindAsync(IReadOnlyList<byte[]> hashes, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Forgets entries expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
