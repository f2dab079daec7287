global using Juicebox.Testing;
global using Orleans;
