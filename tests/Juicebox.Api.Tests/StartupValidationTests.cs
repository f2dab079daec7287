namespace Juicebox.Api.Tests;

/// <summary>
/// Settings that stop client-api's start, naming the setting (and its environment variable). One test
/// starts a real host and sees the start fail; the others run the same start-up validation on a host
/// that is built but not started (<see cref="UnstartedApiHost"/>), which costs a fraction of a start.
/// </summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task InvalidUpstreamBudgetSettings_StopStartUp_NamingTheSettingAndItsVariable()
    {
        await using var factory = new EmbeddedApiFactory().WithSetting("UpstreamBudget:SafetyMargin", "2");

        var failure = await Record.ExceptionAsync(() => Task.Run(() => factory.CreateClient(), TestContext.Current.CancellationToken));

        Assert.NotNull(failure);
        Assert.Contains("UpstreamBudget:SafetyMargin", failure.ToString());
        Assert.Contains("UpstreamBudget__SafetyMargin", failure.ToString());
    }

    [Fact]
    public async Task TheTestsDefaultSettings_PassTheStartUpValidation()
    {
        Assert.Null(await UnstartedApiHost.StartUpFailureAsync());
    }

    [Theory]
    [InlineData("ProfileCache:TimeToLive", "-00:00:01")]
    [InlineData("ProfileCache:IdleDeactivationAfter", "00:01:00")]
    public async Task InvalidCacheSettings_StopStartUp_NamingTheSetting(string setting, string value)
    {
        var failure = await UnstartedApiHost.StartUpFailureAsync($"{setting}={value}");

        Assert.NotNull(failure);
        Assert.Contains(setting, failure.ToString());
    }

    [Fact]
    public async Task SocketsSettingThatIsNoBoolean_StopsStartUp_NamingTheSetting()
    {
        var failure = await UnstartedApiHost.StartUpFailureAsync("Sockets:InlineCompletions=sometimes");

        Assert.NotNull(failure);
        Assert.Contains("Sockets:InlineCompletions", failure.ToString());
    }

    [Fact]
    public async Task ReadCacheSwitchThatIsNoBoolean_StopsStartUp_NamingTheSetting()
    {
        var failure = await UnstartedApiHost.StartUpFailureAsync("ReadCache:Enabled=sometimes");

        Assert.NotNull(failure);
        Assert.Contains("ReadCache:Enabled", failure.ToString());
    }

    [Fact]
    public async Task TooShortApiKey_StopsStartUp_NamingTheSetting()
    {
        var failure = await UnstartedApiHost.StartUpFailureAsync("Api:Keys:0=short");

        Assert.NotNull(failure);
        Assert.Contains("Api:Keys", failure.ToString());
    }

    [Theory]
    [InlineData("Orleans:Membership:DeathVoteExpirationTimeout", "00:00:01")]
    [InlineData("ReadRetry:AttemptTimeout", "00:00:00")]
    [InlineData("UpstreamBudget:RateWindow", "00:00:00.500")]
    [InlineData("Orleans:DirectoryCacheSize", "999")]
    [InlineData("ReadCache:Lease", "00:00:00")]
    [InlineData("ReadCache:MaxMegabytes", "0")]
    public async Task InvalidSetting_StopsStartUp_NamingTheSettingAndItsVariable(string setting, string value)
    {
        var failure = await UnstartedApiHost.StartUpFailureAsync($"{setting}={value}");

        Assert.NotNull(failure);
        Assert.Contains(setting, failure.ToString());
        Assert.Contains(setting.Replace(":", "__", StringComparison.Ordinal), failure.ToString());
    }

    [Fact]
    public async Task CoHostingWithoutADatabase_StopsStartUp_NamingTheSettingAndItsVariable()
    {
        var failure = await UnstartedApiHost.StartUpFailureAsync("Hosting:CoHostSilo=true");

        Assert.NotNull(failure);
        Assert.Contains("Hosting:CoHostSilo", failure.ToString());
        Assert.Contains("Hosting__CoHostSilo", failure.ToString());
        Assert.Contains("ConnectionStrings__Postgres", failure.ToString());
    }
}
