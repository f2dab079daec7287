namespace Juicebox.GrainInterfaces.ReadCache;

/// <summary>A front end's registration with <see cref="IReadCacheRegistryGrain"/>.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ReadCacheSubscription")]
public sealed record class ReadCacheSubscription
{
    /// <summary>The front end, for as long as its process runs.</summary>
    [Id(0)] public required Guid FrontEndId { get; init; }

    [Id(1)] public required IProfileChangeObserver Observer { get; init; }

    /// <summary>The longest a copy is served without asking the profile's grain again.</summary>
    [Id(2)] public required TimeSpan Lease { get; init; }
}

/// <summary>The answer to a registration.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ReadCacheRegistration")]
public sealed record class ReadCacheRegistration
{
    /// <summary>How often a front end renews. A front end that could not renew for twice as long stops serving its copies.</summary>
    public static readonly TimeSpan RenewalInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long a silo may keep using a list of subscribers it read; a new front end caches nothing for as long.</summary>
    public static readonly TimeSpan SubscribersMaxAge = TimeSpan.FromSeconds(1);

    /// <summary>The registry's name for this uninterrupted registration.</summary>
    [Id(0)] public required Guid Token { get; init; }
}

/// <summary>The registered front ends, as <see cref="IReadCacheRegistryGrain.GetSubscribersAsync"/> answers.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ReadCacheSubscribers")]
public sealed record class ReadCacheSubscribers
{
    [Id(0)] public required ReadCacheSubscriber[] Subscribers { get; init; }
}

/// <summary>One registered front end.</summary>
[GenerateSerializer, Immutable, Alias("Juicebox.ReadCacheSubscriber")]
public sealed record class ReadCacheSubscriber
{
    [Id(0)] public required Guid FrontEndId { get; init; }

    [Id(1)] public required Guid Token { get; init; }

    [Id(2)] public required IProfileChangeObserver Observer { get; init; }

    [Id(3)] public required TimeSpan Lease { get; init; }

    /// <summary>How long ago it last renewed.</summary>
    [Id(4)] public required TimeSpan SinceRenewal { get; init; }
}
