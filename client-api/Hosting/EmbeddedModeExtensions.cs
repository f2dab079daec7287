using Juicebox.ClientApi.Auth;
using Juicebox.Sandbox;

namespace Juicebox.ClientApi.Hosting;

/// <summary>Embedded mode: everything in one process, so a new user needs nothing but the .NET SDK.</summary>
internal static class EmbeddedModeExtensions
{
    private const string SandboxKey = "sb_business";

    public static async Task AddEmbeddedModeAsync(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        Dictionary<string, string?> defaults = [];
        if (string.IsNullOrEmpty(configuration["Juicebox:BaseUrl"]))
        {
            var sandboxOptions = configuration.GetSection("Sandbox").Get<SandboxOptions>() ?? new SandboxOptions();
            var sandbox = await SandboxServer.StartAsync(sandboxOptions);
            builder.Services.AddSingleton(_ => sandbox);
            builder.Services.AddSingleton(new EmbeddedSandbox(sandbox.RootAddress, sandbox.GetProfileId(0)));
            defaults["Juicebox:BaseUrl"] = sandbox.BaseAddress.ToString();
            defaults["Juicebox:ApiKey"] = configuration["Juicebox:ApiKey"] ?? SandboxKey;
        }

        if (configuration.GetSection("Api:Keys").GetChildren().All(key => string.IsNullOrEmpty(key.Value)))
        {
            defaults["Api:Keys:0"] = ApiKeyAuthOptions.EmbeddedDevelopmentKey;
        }

        configuration.AddInMemoryCollection(defaults);
        builder.AddJuiceboxSilo();
        builder.Services.AddHostedService<EmbeddedBanner>();
    }
}

/// <summary>The in-process sandbox's address and one of its profile ids, for the start-up banner.</summary>
internal sealed record EmbeddedSandbox(Uri RootAddress, string SampleProfileId);
