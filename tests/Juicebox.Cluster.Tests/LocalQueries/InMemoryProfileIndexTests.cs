namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>The index contract on Embedded mode's in-memory index.</summary>
public sealed class InMemoryProfileIndexTests(InMemoryProfileIndexHarness harness)
    : ProfileIndexContractTests<InMemoryProfileIndexHarness>(harness);
