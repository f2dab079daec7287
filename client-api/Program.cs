using Juicebox.ClientApi.Hosting;
using Juicebox.Deploy;

if (HealthProbe.IsRequested(args, out var probeUrl))
{
    return await HealthProbe.RunAsync(probeUrl);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddJuiceboxApi();

var app = builder.Build();
app.MapJuiceboxApi();
await app.RunAsync();
return 0;
