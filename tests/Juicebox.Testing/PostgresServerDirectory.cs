using System.Globalization;

namespace Juicebox.Testing;

/// <summary>
/// The on-disk layout of one private PostgreSQL server: a temporary directory holding the data
/// directory, the server log, the Unix socket and a note of which process owns the server.
/// </summary>
internal sealed class PostgresServerDirectory(string root)
{
    public const string Prefix = "juicebox-pg-";

    public string Root { get; } = root;

    public string DataDirectory => Path.Combine(Root, "data");

    public string LogFile => Path.Combine(Root, "server.log");

    /// <summary>Holds the id of the process that started the server, so a later run can tell it is orphaned.</summary>
    public string OwnerFile => Path.Combine(Root, "owner.pid");

    public static PostgresServerDirectory Create() => new(Directory.CreateTempSubdirectory(Prefix).FullName);

    public static IEnumerable<PostgresServerDirectory> FindAll() =>
        Directory.GetDirectories(Path.GetTempPath(), Prefix + "*").Select(path => new PostgresServerDirectory(path));

    public void WriteOwner(int pid) => File.WriteAllText(OwnerFile, pid.ToString(CultureInfo.InvariantCulture));

    public int? ReadOwner() => ReadPid(OwnerFile);

    /// <summary>The postmaster's id, from the first line of <c>postmaster.pid</c>, while the server runs.</summary>
    public int? ReadPostmasterPid() => ReadPid(Path.Combine(DataDirectory, "postmaster.pid"));

    public string ReadLogTail(int lines = 30)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(LogFile).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no server log)";
        }
    }

    public void Delete()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(Root))
                {
                    Directory.Delete(Root, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 4)
            {
                // A backend that is still exiting may be removing its files; try again shortly.
                Thread.Sleep(200);
            }
        }
    }

    private static int? ReadPid(string path)
    {
        try
        {
            var firstLine = File.ReadLines(path).FirstOrDefault();
            return int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
