namespace Juicebox.Api.Tests.Clients;

/// <summary>
/// Client settings that stop the host at start, naming the setting and its environment variable, never the key:
/// checked by the start-up validation of a host that is built but not started (<see cref="UnstartedApiHost"/>).
/// </summary>
public sealed class ClientSettingsValidationTests
{
    private const string CrmKey = "crm-client-key-0001";

    public static TheoryData<string, string[], string[]> InvalidClients => new()
    {
        { "a key under 12 characters", ["Api:Clients:crm:Key=too-short"], ["Api:Clients:crm:Key", "Api__Clients__crm__Key"] },
        { "an unknown scope", ["Api:Clients:crm:Scopes:1=profiles:write"], ["Api:Clients:crm:Scopes", "'profiles:write'", "Api__Clients__crm__Scopes__0"] },
        { "a key another client has", [$"Api:Clients:crm:Key={EmbeddedApiFactory.ApiKey}"], ["Api:Keys:0 and Api:Clients:crm have the same key"] },
        { "the same key as a hash", [$"Api:Clients:other:KeySha256={ClientsApiFactory.Sha256Hex(CrmKey)}", "Api:Clients:other:Scopes:0=search"], ["Api:Clients:crm and Api:Clients:other have the same key"] },
        { "a key and its hash both", [$"Api:Clients:crm:KeySha256={ClientsApiFactory.Sha256Hex(CrmKey)}"], ["Api:Clients:crm needs exactly one of Key and KeySha256", "Api__Clients__crm__KeySha256", "both"] },
        { "neither a key nor a hash", ["Api:Clients:other:Scopes:0=search"], ["Api:Clients:other needs exactly one of Key and KeySha256", "Api__Clients__other__Key", "neither"] },
        { "a malformed hash", ["Api:Clients:other:KeySha256=abc123", "Api:Clients:other:Scopes:0=search"], ["Api:Clients:other:KeySha256", "Api__Clients__other__KeySha256"] },
        { "a limit of no requests", ["Api:Clients:crm:RequestsPerMinute=0"], ["Api:Clients:crm:RequestsPerMinute", "Api__Clients__crm__RequestsPerMinute"] },
        { "a client with no scope", ["Api:Clients:other:Key=other-client-key-0001"], ["Api:Clients:other:Scopes is empty", "Api__Clients__other__Scopes__0"] },
    };

    [Theory]
    [MemberData(nameof(InvalidClients))]
    public async Task AnInvalidClient_StopsStartUp_NamingTheSetting(string because, string[] settings, string[] named)
    {
        var failure = await UnstartedApiHost.StartUpFailureAsync(["Api:Clients:crm:Key=" + CrmKey, "Api:Clients:crm:Scopes:0=profiles:read", .. settings]);

        Assert.True(failure is not null, $"start-up should fail on {because}");
        var message = failure.ToString();
        Assert.All(named, expected => Assert.Contains(expected, message, StringComparison.Ordinal));
        Assert.DoesNotContain(CrmKey, message, StringComparison.Ordinal);
        Assert.DoesNotContain(EmbeddedApiFactory.ApiKey, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValidClient_PassesTheStartUpValidation()
    {
        Assert.Null(await UnstartedApiHost.StartUpFailureAsync("Api:Clients:crm:Key=" + CrmKey, "Api:Clients:crm:Scopes:0=profiles:read"));
    }
}
