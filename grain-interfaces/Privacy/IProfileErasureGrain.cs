namespace Juicebox.GrainInterfaces.Privacy;

/// <summary>
/// Erases everything the cluster holds about one person and puts the id on the suppression list, so
/// that nothing collects it again. A stateless worker: the work is done by the stores and the profile grain.
/// </summary>
[Alias("Juicebox.IProfileErasureGrain")]
public interface IProfileErasureGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Suppresses the id, erases the profile grain's state and memory, its <c>profiles</c> row and its
    /// enrichment items, and writes an audit row for <paramref name="client"/>. Idempotent.
    /// </summary>
    [Alias("EraseAsync")]
    Task<ProfileErasure> EraseAsync(string profileId, string client);
}

/// <summary>What an erasure did.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ProfileErasure")]
public sealed record class ProfileErasure
{
    /// <summary>The id's keyed hash (hex, shortened): what the audit log and job items keep instead of the id.</summary>
    [Id(0)] public required string Pseudonym { get; init; }

    /// <summary>Whether the grain held a stored profile before the erasure.</summary>
    [Id(1)] public bool HeldProfile { get; init; }

    /// <summary>Enrichment items that named the profile (pending ones now failed with reason "erased").</summary>
    [Id(2)] public int EnrichmentItems { get; init; }

    /// <summary>Until when the id stays suppressed.</summary>
    [Id(3)] public DateTimeOffset SuppressedUntil { get; init; }
}
