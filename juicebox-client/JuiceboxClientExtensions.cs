using System.Runtime.CompilerServices;
using Juicebox.Client.Http;
using Juicebox.Client.Models;

namespace Juicebox.Client;

/// <summary>Conveniences built on <see cref="IJuiceboxClient"/> alone.</summary>
public static class JuiceboxClientExtensions
{
    /// <summary>
    /// Every page of a search, following <c>nextCursor</c> until it is null, each with the
    /// rate-limit headers it came with (what <see cref="IJuiceboxClient.SearchAllAsync"/> drops).
    /// </summary>
    public static async IAsyncEnumerable<JuiceboxResponse<SearchResponse>> SearchPagesAsync(
        this IJuiceboxClient client, SearchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);

        var next = request;
        while (true)
        {
            var page = await client.SearchAsync(next, cancellationToken).ConfigureAwait(false);
            yield return page;

            if (page.Value.NextCursor is not { } cursor)
            {
                yield break;
            }

            // A server that hands back the cursor it was given would keep us here forever.
            if (cursor == next.Cursor)
            {
                throw JuiceboxErrorReader.InvalidResponse(
                    System.Net.HttpStatusCode.OK, "Juicebox POST search returned the cursor it was given; paging stopped.", page.RateLimit);
            }

            next = next with { Cursor = cursor };
        }
    }
}
