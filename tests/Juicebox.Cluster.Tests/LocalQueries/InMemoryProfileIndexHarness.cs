using Juicebox.Grains.LocalQueries;

namespace Juicebox.Cluster.Tests.LocalQueries;

public sealed class InMemoryProfileIndexHarness : ProfileIndexHarness
{
    public override Task<IProfileIndex> CreateEmptyAsync() => Task.FromResult<IProfileIndex>(new InMemoryProfileIndex());
}
