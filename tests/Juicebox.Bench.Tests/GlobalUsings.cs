global using Juicebox.Bench.Tests.Infrastructure;
global using Juicebox.LoadGenerator;
