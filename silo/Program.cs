var builder = WebApplication.CreateBuilder(args);
builder.AddJuiceboxSilo();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health/live");
await app.RunAsync();
