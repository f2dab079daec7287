global using Juicebox.GrainInterfaces.Profiles;
global using Juicebox.Testing;
global using Orleans;
