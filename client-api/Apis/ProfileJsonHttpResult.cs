namespace Juicebox.ClientApi.Apis;

/// <summary>
/// The body of a profile read: the grain's JSON as it arrived (from a silo in another process) or
/// its packed copy (<see cref="PackedProfileJson"/>, from a grain in this process), expanded straight
/// into the response, so a hot read copies the bytes once and allocates no body. Without contact data
/// it is the JSON before the contact block and a closing brace. The headers are those a byte-array
/// result writes: Content-Type and Content-Length.
/// </summary>
public sealed class ProfileJsonHttpResult : IResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly byte[] _json;
    private readonly bool _packed;
    private readonly int? _cutAt;

    private ProfileJsonHttpResult(byte[] json, bool packed, int? cutAt)
    {
        _json = json;
        _packed = packed;
        _cutAt = cutAt;
    }

    /// <summary>The JSON of <paramref name="read"/>, its contact block left out unless <paramref name="withContact"/>.</summary>
    public static ProfileJsonHttpResult Of(ProfileRead read, bool withContact)
    {
        ArgumentNullException.ThrowIfNull(read);
        var cutAt = withContact ? null : read.ContactOffset;
        return read.PackedJson is { } packed
            ? new ProfileJsonHttpResult(packed, packed: true, cutAt)
            : new ProfileJsonHttpResult(read.ProfileJson ?? throw new InvalidOperationException("A found profile's read carries its JSON."), packed: false, cutAt);
    }

    /// <summary>The body's length in bytes.</summary>
    public int Length => _packed ? PackedProfileJson.Length(_json, withContact: _cutAt is null) : _cutAt + 1 ?? _json.Length;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var length = Length;
        response.ContentType = JsonContentType;
        response.ContentLength = length;

        var body = response.BodyWriter;
        var span = body.GetSpan(length)[..length];
        if (_packed)
        {
            PackedProfileJson.WriteTo(_json, withContact: _cutAt is null, span);
        }
        else if (_cutAt is { } cut)
        {
            ProfileJson.WriteWithoutContact(_json, cut, span);
        }
        else
        {
            _json.CopyTo(span);
        }

        body.Advance(length);
        var flush = body.FlushAsync();
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }
}
