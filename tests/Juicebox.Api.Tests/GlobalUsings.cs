global using System.Net;
global using System.Net.Http.Headers;
global using Juicebox.Testing;
