using Juicebox.Deploy;
using Juicebox.Silo;

if (HealthProbe.IsRequested(args, out var probeUrl))
{
    return await HealthProbe.RunAsync(probeUrl);
}

if (MigrateOnlyCommand.IsRequested(args))
{
    return await MigrateOnlyCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.AddJuiceboxSilo();
builder.AddJuiceboxTelemetry("juicebox-silo");
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health/live");
app.MapJuiceboxMetrics();
app.MapJuiceboxDiagnostics();
await app.RunAsync();
return 0;
