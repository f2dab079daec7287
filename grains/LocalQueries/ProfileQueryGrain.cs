using Juicebox.GrainInterfaces.LocalQueries;
using Orleans.Concurrency;

namespace Juicebox.Grains.LocalQueries;

/// <summary>Answers local queries on whichever silo the caller reaches; the index does the work.</summary>
[StatelessWorker]
public sealed class ProfileQueryGrain(IProfileIndex index) : Grain, IProfileQueryGrain
{
    public Task<ProfileQueryPage> QueryAsync(ProfileQuery query) => index.QueryAsync(query);
}
