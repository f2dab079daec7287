using Juicebox.ClientApi.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddJuiceboxApi();

var app = builder.Build();
app.MapJuiceboxApi();
await app.RunAsync();
