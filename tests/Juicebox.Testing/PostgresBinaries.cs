using System.Text.RegularExpressions;

namespace Juicebox.Testing;

/// <summary>
/// The PostgreSQL server programs installed on this machine (Debian/Ubuntu layout:
/// <c>/usr/lib/postgresql/&lt;major&gt;/bin</c>); the highest installed major version wins.
/// </summary>
internal sealed partial record PostgresBinaries(string Directory, int MajorVersion)
{
    private const string Root = "/usr/lib/postgresql";

    private const string InstallHint =
        "Run scripts/ensure-postgres.sh from the repository root, or install them with " +
        "'sudo apt-get install -y postgresql'.";

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    public static PostgresBinaries Locate()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException(
                "The private PostgreSQL test server needs Linux with PostgreSQL's server binaries. " + InstallHint);
        }

        var candidates = System.IO.Directory.Exists(Root)
            ? System.IO.Directory.GetDirectories(Root)
                .Select(path => (Path: Path.Combine(path, "bin"), Name: Path.GetFileName(path)))
                .Where(candidate => MajorVersionPattern().IsMatch(candidate.Name))
                .Select(candidate => new PostgresBinaries(candidate.Path, int.Parse(candidate.Name)))
                .Where(binaries => File.Exists(binaries.InitDb) && File.Exists(binaries.PgCtl))
                .OrderByDescending(binaries => binaries.MajorVersion)
                .ToList()
            : [];

        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, pg_ctl) were not found under {Root}/<version>/bin. " + InstallHint);
    }

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex MajorVersionPattern();
}
