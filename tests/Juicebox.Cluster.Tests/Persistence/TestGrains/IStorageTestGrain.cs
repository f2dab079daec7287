namespace Juicebox.Cluster.Tests.Persistence.TestGrains;

/// <summary>A grain whose only job is to write, read and clear one persistent state.</summary>
[Alias("Juicebox.Cluster.Tests.Persistence.IStorageTestGrain")]
public interface IStorageTestGrain : IGrainWithStringKey
{
    /// <summary>Sets the value and writes the state.</summary>
    [Alias("SetValue")]
    Task SetValueAsync(string value);

    /// <summary>Returns the value held in memory (read from storage on activation).</summary>
    [Alias("GetValue")]
    Task<string?> GetValueAsync();

    /// <summary>Clears the state in storage.</summary>
    [Alias("Clear")]
    Task ClearAsync();

    /// <summary>Returns the state's etag as Orleans holds it.</summary>
    [Alias("GetETag")]
    Task<string?> GetETagAsync();
}
