global using Juicebox.EndToEnd.Tests.Topology;
global using Juicebox.Testing;
