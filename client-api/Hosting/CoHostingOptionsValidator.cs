using Juicebox.Grains.Hosting;

namespace Juicebox.ClientApi.Hosting;

internal sealed class CoHostingOptionsValidator(IConfiguration configuration) : IValidateOptions<CoHostingOptions>
{
    public ValidateOptionsResult Validate(string? name, CoHostingOptions options) =>
        options.CoHostSilo && JuiceboxConnectionStrings.GetPostgres(configuration) is null
            ? ValidateOptionsResult.Fail(
                $"{CoHostingOptions.SectionName}:{nameof(options.CoHostSilo)} is true (set {CoHostingOptions.SectionName}__{nameof(options.CoHostSilo)}), "
                + "but ConnectionStrings:Postgres is not set (ConnectionStrings__Postgres): a co-hosted silo joins the cluster in PostgreSQL. "
                + "Without a database, client-api already hosts its own silo (Embedded mode); unset the setting.")
            : ValidateOptionsResult.Success;
}
