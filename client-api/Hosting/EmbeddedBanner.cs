using Juicebox.ClientApi.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Juicebox.ClientApi.Hosting;

/// <summary>Tells a new user, once the server listens, where everything is in Embedded mode.</summary>
internal sealed class EmbeddedBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<ApiKeyAuthOptions> keys,
    IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var api = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(unknown)";
        var embedded = services.GetService<EmbeddedSandbox>();
        var sandbox = embedded?.RootAddress.ToString() ?? "(external: Juicebox:BaseUrl) ";
        var sampleId = embedded?.Server.GetProfileId(0) ?? "<profile id>";
        var key = keys.Value.Keys.FirstOrDefault() == ApiKeyAuthOptions.EmbeddedDevelopmentKey ? ApiKeyAuthOptions.EmbeddedDevelopmentKey : "(configured in Api:Keys or Api:Clients)";
        var operatorKey = keys.Value.OperatorKeys.FirstOrDefault() == ApiKeyAuthOptions.EmbeddedOperatorKey
            ? ApiKeyAuthOptions.EmbeddedOperatorKey
            : "(configured in Api:OperatorKeys or Api:Clients)";
        Console.WriteLine($"""

            Orleans.Juicebox is running in Embedded mode (one silo, in-memory storage, the Juicebox sandbox in-process).
              Console:      {api}/   (sign in with the API key below; the operator key also opens the Operator page)
              API:          {api}/api/v1/profiles/{"{id}"}
              API key:      Authorization: Bearer {key}
              Operator key: Authorization: Bearer {operatorKey}   (for {api}/api/v1/operator/...)
              Dashboard:    {api}/dashboard   (HTTP Basic: any user name, the operator key as password)
              OpenAPI:      {api}/openapi/v1.json   (browse it at {api}/scalar/v1)
              Health:       {api}/health/ready
              Sandbox:      {sandbox}v1   (stats at {sandbox}_sandbox/stats)
            Try:  curl -i -H "Authorization: Bearer {key}" {api}/api/v1/profiles/{sampleId}
                  curl -i -X POST -H "Authorization: Bearer {key}" {api}/api/v1/profiles/{sampleId}/enrich
            Stop with Ctrl+C. Orleans' start-up logs: set Logging__LogLevel__Orleans=Information.

            """);
    }
}
