namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>Bounds for tests that run whole clusters of processes on a small, shared machine.</summary>
public static class TestLimits
{
    /// <summary>
    /// No end-to-end test may run longer than this (the cluster's start-up in InitializeAsync not
    /// included); each one takes well under a minute, so reaching it means something hangs.
    /// </summary>
    public const int TestTimeoutMilliseconds = 240_000;
}
