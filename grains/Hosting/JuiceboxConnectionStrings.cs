using Microsoft.Extensions.Configuration;

namespace Juicebox.Grains.Hosting;

/// <summary>The one connection string the cluster uses: <c>ConnectionStrings:Postgres</c>.</summary>
public static class JuiceboxConnectionStrings
{
    public const string Postgres = "Postgres";

    /// <summary>The PostgreSQL connection string, or null in Embedded mode.</summary>
    public static string? GetPostgres(IConfiguration configuration) =>
        configuration.GetConnectionString(Postgres) is { Length: > 0 } value ? value : null;
}
