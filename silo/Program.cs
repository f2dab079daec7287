using Juicebox.Deploy;
using Juicebox.Grains.Hosting;
using Juicebox.Grains.Hosting.Shutdown;
using Juicebox.Silo;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

if (HealthProbe.IsRequested(args, out var probeUrl))
{
    return await HealthProbe.RunAsync(probeUrl);
}

if (MigrateOnlyCommand.IsRequested(args))
{
    return await MigrateOnlyCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddJuiceboxSockets(typeof(Program).Assembly);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.AddJuiceboxShutdown();
builder.AddJuiceboxSilo();
builder.AddJuiceboxTelemetry("juicebox-silo");
builder.Services.AddHealthChecks().AddCheck<ShutdownHealthCheck>(ShutdownHealthCheck.Name, tags: [ShutdownHealthCheck.Name]);

var app = builder.Build();
// Live while the process runs its silo; ready until it is told to stop.
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = static check => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions
{
    Predicate = static check => check.Tags.Contains(ShutdownHealthCheck.Name),
    ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
    ResponseWriter = HealthReportWriter.WriteAsync,
});
app.MapJuiceboxMetrics();
app.MapJuiceboxDiagnostics();
await app.RunAsync();
return 0;
