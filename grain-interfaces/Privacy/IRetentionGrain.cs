namespace Juicebox.GrainInterfaces.Privacy;

/// <summary>
/// The retention job (one instance, key 0): deletes profiles nobody read or refreshed within
/// <c>Privacy:ProfileRetention</c> and strips contact blocks older than <c>Privacy:ContactRetention</c>.
/// </summary>
[Alias("Juicebox.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithIntegerKey
{
    /// <summary>Runs the job now, unless a run finished less than <c>Privacy:RetentionInterval</c> ago and <paramref name="force"/> is false.</summary>
    [Alias("RunAsync")]
    Task<RetentionRun> RunAsync(bool force);
}

/// <summary>What one run of the retention job did.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.RetentionRun")]
public sealed record class RetentionRun
{
    /// <summary>False when the run was skipped because the previous one is recent.</summary>
    [Id(0)] public bool Ran { get; init; }

    [Id(1)] public int ProfilesDeleted { get; init; }

    [Id(2)] public int ContactsStripped { get; init; }

    [Id(3)] public DateTimeOffset At { get; init; }

    /// <summary>Audit rows older than Privacy:AuditRetention, deleted by this run.</summary>
    [Id(4)] public int AuditRowsDeleted { get; init; }
}
