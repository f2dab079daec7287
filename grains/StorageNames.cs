namespace Juicebox.Grains;

/// <summary>The names of the grain storage providers every host registers.</summary>
public static class StorageNames
{
    /// <summary>Profile grain state.</summary>
    public const string Profiles = "ProfileStore";

    /// <summary>Orleans' stream pub-sub state.</summary>
    public const string PubSub = "PubSubStore";

    public static IReadOnlyList<string> All { get; } = [Profiles, PubSub];
}
