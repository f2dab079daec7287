namespace Juicebox.Testing;

/// <summary>Finds the repository and the built hosts, so tests can start them as real processes.</summary>
public static class RepositoryLayout
{
    private const string SolutionFile = "Orleans.Juicebox.sln";

    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the tests were built in (Debug or Release), read off the test binaries' path.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Release") ? "Release" : "Debug";

    /// <summary>The built entry assembly of a host project, e.g. <c>HostAssembly("silo", "Juicebox.Silo")</c>.</summary>
    public static string HostAssembly(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not built: build the solution first (./test.sh does).", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
