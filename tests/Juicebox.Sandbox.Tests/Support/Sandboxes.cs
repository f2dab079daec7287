using Juicebox.Sandbox.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace Juicebox.Sandbox.Tests.Support;

/// <summary>Starts private sandboxes for tests that change state or time.</summary>
internal static class Sandboxes
{
    /// <summary>A Monday in the middle of a month, in the middle of a minute.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 16, 10, 20, 30, TimeSpan.Zero);

    public static Task<SandboxServer> StartAsync(SandboxOptions? options = null)
    {
        return SandboxServer.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken);
    }

    public static Task<SandboxServer> StartAsync(SandboxOptions options, FakeTimeProvider time)
    {
        options.TimeProvider = time;
        return SandboxServer.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken);
    }

    public static SandboxOptions WithKey(SandboxKeyOptions key, int profileCount = 2_000)
    {
        return new SandboxOptions { ProfileCount = profileCount, Keys = [key] };
    }
}
