global using System.Net;
global using Juicebox.Client.Errors;
global using Juicebox.Client.Models;
global using Juicebox.Client.Tests.Infrastructure;
