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
builder.AddJuiceboxSilo();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health/live");
await app.RunAsync();
return 0;
