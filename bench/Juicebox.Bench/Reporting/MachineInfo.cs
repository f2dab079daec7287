using System.Runtime.InteropServices;

namespace Juicebox.Bench.Reporting;

/// <summary>The machine a run was taken on: figures from different machines are not comparable.</summary>
public sealed record MachineInfo(string Cpu, int Cores, double MemoryGiB, string OperatingSystem, string Runtime, int? PostgresMajorVersion)
{
    public static MachineInfo Read(int? postgresMajorVersion) => new(
        ReadCpuModel(),
        Environment.ProcessorCount,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        postgresMajorVersion);

    public override string ToString() =>
        $"{Cores} cores ({Cpu}), {MemoryGiB:0.#} GiB, {OperatingSystem}, {Runtime}" +
        (PostgresMajorVersion is { } version ? $", PostgreSQL {version}" : "");

    private static string ReadCpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var model = File.ReadLines(CpuInfo).FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal));
        return model?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
