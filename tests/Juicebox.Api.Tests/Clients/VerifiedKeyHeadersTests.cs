using Juicebox.ClientApi.Auth;

namespace Juicebox.Api.Tests.Clients;

/// <summary>A verified header value is recognised by reference only: equal contents in another string are verified again.</summary>
public sealed class VerifiedKeyHeadersTests
{
    private static readonly ClientApi.Auth.ApiClient Crm = new("crm", [ApiScopes.ProfilesRead], RequestsPerMinute: null, EnrichmentsPerMonth: null);

    [Fact]
    public void A_remembered_header_is_found_by_the_same_string()
    {
        var verified = new VerifiedKeyHeaders();
        var header = string.Concat("Bearer ", "crm-key-0000000000000001");

        verified.Remember(header, Crm);

        Assert.True(verified.TryGet(header, out var client));
        Assert.Same(Crm, client);
    }

    [Fact]
    public void Equal_contents_in_another_string_are_not_found()
    {
        var verified = new VerifiedKeyHeaders();
        var header = string.Concat("Bearer ", "crm-key-0000000000000001");
        verified.Remember(header, Crm);

        var sameText = string.Concat("Bearer ", "crm-key-0000000000000001");

        Assert.Equal(header, sameText);
        Assert.False(verified.TryGet(sameText, out _));
    }

    [Fact]
    public void Nothing_is_found_before_a_header_was_remembered()
    {
        Assert.False(new VerifiedKeyHeaders().TryGet("Bearer crm-key-0000000000000001", out _));
    }
}
