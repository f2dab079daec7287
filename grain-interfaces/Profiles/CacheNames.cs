namespace Juicebox.GrainInterfaces.Profiles;

/// <summary>
/// The lower-case names of where a read was served from, as the <c>X-Cache</c> and
/// <c>X-Cache-Source</c> headers and the metrics' <c>cache</c> and <c>source</c> labels spell them.
/// </summary>
public static class CacheNames
{
    public static string Of(CacheStatus cache) => cache switch
    {
        CacheStatus.Hit => "hit",
        CacheStatus.Miss => "miss",
        _ => "stale",
    };

    public static string Of(ProfileSource source) => source switch
    {
        ProfileSource.Memory => "memory",
        ProfileSource.Storage => "storage",
        _ => "upstream",
    };
}
