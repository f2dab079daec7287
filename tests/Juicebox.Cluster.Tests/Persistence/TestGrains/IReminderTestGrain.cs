namespace Juicebox.Cluster.Tests.Persistence.TestGrains;

/// <summary>A grain that registers reminders and counts how often they fire.</summary>
[Alias("Juicebox.Cluster.Tests.Persistence.IReminderTestGrain")]
public interface IReminderTestGrain : IGrainWithGuidKey
{
    /// <summary>Registers (or updates) a reminder.</summary>
    [Alias("Register")]
    Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period);

    /// <summary>Whether the reminder service knows a reminder of that name for this grain.</summary>
    [Alias("Exists")]
    Task<bool> ExistsAsync(string name);

    /// <summary>Unregisters a reminder if it exists.</summary>
    [Alias("Unregister")]
    Task UnregisterAsync(string name);

    /// <summary>How many times any reminder fired on this activation.</summary>
    [Alias("GetTicks")]
    Task<int> GetTicksAsync();
}
