using Juicebox.ClientApi.Hosting;

var builder = WebApplication.CreateBuilder(args);
await builder.AddJuiceboxApiAsync();

var app = builder.Build();
app.MapJuiceboxApi();
await app.RunAsync();
