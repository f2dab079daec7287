namespace Juicebox.Testing;

/// <summary>What every host a <see cref="JuiceboxHostLauncher"/> starts is configured with, as environment variables an operator would set.</summary>
public sealed record JuiceboxHostSettings
{
    /// <summary>Orleans' cluster and service id.</summary>
    public required string ClusterId { get; init; }

    /// <summary>The deployment's database; Embedded hosts get none.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The Juicebox API the grains call (<c>Juicebox__BaseUrl</c>).</summary>
    public required Uri UpstreamBaseAddress { get; init; }

    /// <summary>The key the grains call it with (<c>Juicebox__ApiKey</c>).</summary>
    public required string UpstreamKey { get; init; }

    /// <summary>The pace the budget assumes before the upstream tells it (<c>UpstreamBudget__DefaultRequestsPerMinute</c>).</summary>
    public required int UpstreamRequestsPerMinute { get; init; }

    /// <summary>The bearer key every client-api accepts.</summary>
    public required string ApiKey { get; init; }

    /// <summary>The bearer key that also opens every client-api's operator endpoints.</summary>
    public required string OperatorKey { get; init; }

    /// <summary>The silos' <c>Privacy__SuppressionKey</c>, which Cluster mode requires (32+ characters, the same on every silo).</summary>
    public string SuppressionKey { get; init; } = "test-hosts-suppression-key-0123456789abcdef";

    /// <summary>How long a host may take to answer its health check.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long the membership table may take to list exactly the running silos.</summary>
    public TimeSpan MembershipTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Environment variables every host gets on top of the launcher's own; a value here wins.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}
