namespace Juicebox.Bench.Tests.Infrastructure;

/// <summary>A private directory for one test's plan, ids and result files, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("juicebox-bench-tests-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes one id a line and returns the file's path.</summary>
    public string WriteIds(IEnumerable<string> ids, string name = "ids.txt")
    {
        var path = File(name);
        System.IO.File.WriteAllLines(path, ids);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
