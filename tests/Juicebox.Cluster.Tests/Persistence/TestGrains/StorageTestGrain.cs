namespace Juicebox.Cluster.Tests.Persistence.TestGrains;

/// <summary>Persists <see cref="StorageTestState"/> through the PostgreSQL grain storage provider.</summary>
public sealed class StorageTestGrain(
    [PersistentState(StorageTestGrain.StateName, PostgresClusterFixture.StorageName)]
    IPersistentState<StorageTestState> state)
    : Grain, IStorageTestGrain
{
    /// <summary>What ADO.NET grain storage records as the "grain type" (graintypestring).</summary>
    public const string StateName = "storage-test";

    public Task SetValueAsync(string value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }

    public Task<string?> GetValueAsync() => Task.FromResult(state.State.Value);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task<string?> GetETagAsync() => Task.FromResult(state.Etag);
}
