using Juicebox.ClientApi.Auth;
using Juicebox.Sandbox;

namespace Juicebox.ClientApi.Hosting;

/// <summary>Embedded mode: everything in one process, so a new user needs nothing but the .NET SDK.</summary>
internal static class EmbeddedModeExtensions
{
    private const string SandboxKey = "sb_business";

    public static void AddEmbeddedMode(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        EmbeddedLogLevels.AddAsDefaults(configuration);
        Dictionary<string, string?> defaults = [];
        if (string.IsNullOrEmpty(configuration["Juicebox:BaseUrl"]))
        {
            var sandbox = new EmbeddedSandbox(configuration.GetSection(SandboxOptions.SectionName).Get<SandboxOptions>() ?? new SandboxOptions());
            builder.Services.AddSingleton(sandbox);
            builder.Services.AddHostedService(services => services.GetRequiredService<EmbeddedSandbox>());
            defaults["Juicebox:BaseUrl"] = sandbox.BaseAddress.ToString();
            defaults["Juicebox:ApiKey"] = configuration["Juicebox:ApiKey"] ?? SandboxKey;
        }

        // Named clients mean someone chose who may do what: no development key widens that.
        var hasClients = configuration.GetSection("Api:Clients").GetChildren().Any();
        if (!hasClients && configuration.GetSection("Api:Keys").GetChildren().All(key => string.IsNullOrEmpty(key.Value)))
        {
            defaults["Api:Keys:0"] = ApiKeyAuthOptions.EmbeddedDevelopmentKey;
        }

        if (!hasClients && configuration.GetSection("Api:OperatorKeys").GetChildren().All(key => string.IsNullOrEmpty(key.Value)))
        {
            defaults["Api:OperatorKeys:0"] = ApiKeyAuthOptions.EmbeddedOperatorKey;
        }

        configuration.AddInMemoryCollection(defaults);
        builder.AddJuiceboxSilo();
        builder.Services.AddHostedService<EmbeddedBanner>();
    }
}
