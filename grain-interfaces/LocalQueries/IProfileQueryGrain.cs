namespace Juicebox.GrainInterfaces.LocalQueries;

/// <summary>
/// Answers queries over the profiles the cluster has stored, from the local <c>profiles</c> table,
/// never from the upstream. A stateless worker: call it with key 0.
/// </summary>
[Alias("Juicebox.IProfileQueryGrain")]
public interface IProfileQueryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// One page of the stored profiles that match <paramref name="query"/>, in id order.
    /// Throws <see cref="ArgumentException"/> for a query <see cref="ProfileQueryRules.Validate"/> rejects.
    /// </summary>
    [Alias("QueryAsync")]
    Task<ProfileQueryPage> QueryAsync(ProfileQuery query);
}
