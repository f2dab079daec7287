using Juicebox.Sandbox;

var builder = WebApplication.CreateBuilder(args);
builder.AddJuiceboxSandbox();

var app = builder.Build();
app.UseJuiceboxSandbox();
app.Run();

/// <summary>Kept internal so that web projects referencing the sandbox keep their own <c>Program</c>.</summary>
internal partial class Program;
