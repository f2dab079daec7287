namespace Juicebox.Cluster.Tests.Persistence.TestGrains;

/// <summary>The state <see cref="StorageTestGrain"/> persists.</summary>
[GenerateSerializer]
[Alias("Juicebox.Cluster.Tests.Persistence.StorageTestState")]
public sealed class StorageTestState
{
    [Id(0)]
    public string? Value { get; set; }
}
