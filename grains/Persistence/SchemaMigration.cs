using System.Security.Cryptography;
using System.Text;

namespace Juicebox.Grains.Persistence;

/// <summary>
/// One versioned schema change: an embedded script named <c>NNNN_name.sql</c>. Once applied to a
/// database its text must never change; the checksum is how the migrator notices if it did.
/// </summary>
internal sealed record SchemaMigration
{
    public SchemaMigration(int version, string name, string sql)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);

        Version = version;
        Name = name;
        // Line endings depend on how the repository was checked out; they must not change the checksum.
        Sql = sql.ReplaceLineEndings("\n");
        Checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
    }

    public int Version { get; }

    public string Name { get; }

    public string Sql { get; }

    /// <summary>SHA-256 of the script text (LF line endings), lower-case hex.</summary>
    public string Checksum { get; }

    /// <summary>The script's file name without extension, e.g. <c>0002_clustering</c>.</summary>
    public string Label => $"{Version:D4}_{Name}";
}
