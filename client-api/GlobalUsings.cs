global using Juicebox.GrainInterfaces.Profiles;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.Extensions.Options;
global using Orleans;
global using Juicebox.GrainInterfaces.Enrichment;
