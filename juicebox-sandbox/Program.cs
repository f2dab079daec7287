using Juicebox.Deploy;
using Juicebox.Sandbox;

if (HealthProbe.IsRequested(args, out var probeUrl))
{
    return await HealthProbe.RunAsync(probeUrl);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddJuiceboxSandbox();

var app = builder.Build();
app.UseJuiceboxSandbox();
await app.RunAsync();
return 0;

/// <summary>Kept internal so that web projects referencing the sandbox keep their own <c>Program</c>.</summary>
internal partial class Program;
