using Microsoft.AspNetCore.StaticFiles;

namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// The web console: plain HTML, CSS and JavaScript modules in <c>wwwroot/</c>, served at <c>/</c>
/// without authentication (the page holds no data; every API call it makes carries the key).
/// </summary>
internal static class WebConsoleExtensions
{
    // Everything the console loads is its own: no inline script, no other origin, no framing.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Static web assets resolve <c>wwwroot/</c> from the project in a build output and from the
    /// published folder otherwise; ASP.NET turns them on only in Development, the console needs them always.
    /// </summary>
    public static void AddWebConsole(this WebApplicationBuilder builder) => builder.WebHost.UseStaticWebAssets();

    public static void UseWebConsole(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = static file =>
            {
                var headers = file.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-cache";
            },
        });
    }
}
