global using Juicebox.Client;
global using Juicebox.Client.Errors;
global using Juicebox.GrainInterfaces.Profiles;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
global using Orleans;
global using Orleans.Runtime;
global using Juicebox.GrainInterfaces.Enrichment;
