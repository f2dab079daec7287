namespace Juicebox.Testing;

/// <summary>
/// Best-effort clean-up of private servers left behind by earlier test processes that died before
/// they could stop them (and whose watchdog died too).
/// </summary>
internal static class OrphanedPostgresServers
{
    /// <summary>A directory this young without an owner may be a server another process is starting right now.</summary>
    private static readonly TimeSpan _startupGrace = TimeSpan.FromMinutes(5);

    public static void Sweep()
    {
        foreach (var directory in PostgresServerDirectory.FindAll())
        {
            try
            {
                var owner = directory.ReadOwner();
                if (owner is { } ownerPid ? UnixProcess.IsAlive(ownerPid) : IsYoung(directory))
                {
                    continue;
                }

                if (directory.ReadPostmasterPid() is { } postmaster
                    && UnixProcess.IsAlive(postmaster)
                    && UnixProcess.CommandLineContains(postmaster, directory.DataDirectory))
                {
                    UnixProcess.Signal(postmaster, UnixProcess.SigKill);
                }

                directory.Delete();
            }
            catch (IOException)
            {
                // Someone else is sweeping or using it; leave it.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to delete.
            }
        }
    }

    private static bool IsYoung(PostgresServerDirectory directory) =>
        DateTime.UtcNow - Directory.GetCreationTimeUtc(directory.Root) < _startupGrace;
}
