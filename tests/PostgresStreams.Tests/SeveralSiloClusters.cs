namespace PostgresStreams.Tests;

/// <summary>
/// The test classes that run clusters of several silos, one class at a time: two multi-silo clusters in
/// one test process at once, on a busy machine, left one of them with every queue on one silo.
/// </summary>
public static class SeveralSiloClusters
{
    public const string Name = "Clusters of several silos";
}
