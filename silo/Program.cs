var builder = WebApplication.CreateBuilder(args);
builder.AddJuiceboxSilo();
builder.AddJuiceboxTelemetry("juicebox-silo");
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health/live");
app.MapJuiceboxMetrics();
await app.RunAsync();
