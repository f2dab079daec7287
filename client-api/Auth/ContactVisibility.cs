namespace Juicebox.ClientApi.Auth;

/// <summary>
/// Whether a caller sees contact blocks: only with <see cref="ApiScopes.ContactRead"/>. Every response
/// that carries profiles (reads, listings, search results, job results) tells a caller without it
/// <c>X-Contact: withheld</c>, also when the profiles at hand happen to have no contact block.
/// </summary>
public static class ContactVisibility
{
    public const string HeaderName = "X-Contact";
    public const string Withheld = "withheld";

    /// <summary>Whether the caller may see contact data; when not, marks the response <c>X-Contact: withheld</c>.</summary>
    public static bool MaySeeContact(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.HasScope(ApiScopes.ContactRead))
        {
            return true;
        }

        context.Response.Headers[HeaderName] = Withheld;
        return false;
    }

    /// <summary>Marks the responses of routes that return profiles <c>X-Contact: withheld</c> for callers without <c>contact:read</c>.</summary>
    public static TBuilder WithholdsContact<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(static (context, next) =>
        {
            MaySeeContact(context.HttpContext);
            return next(context);
        });
    }
}
