namespace Juicebox.Api.Tests;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("ProfileCache:TimeToLive", "-00:00:01")]
    [InlineData("ProfileCache:IdleDeactivationAfter", "00:01:00")]
    public async Task InvalidCacheSettings_StopStartUp_NamingTheSetting(string setting, string value)
    {
        await using var factory = new EmbeddedApiFactory().WithSetting(setting, value);

        var failure = await Record.ExceptionAsync(() => Task.Run(() => factory.CreateClient(), TestContext.Current.CancellationToken));

        Assert.NotNull(failure);
        Assert.Contains(setting, failure.ToString());
    }

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
    public async Task TooShortApiKey_StopsStartUp_NamingTheSetting()
    {
        await using var factory = new EmbeddedApiFactory().WithSetting("Api:Keys:0", "short");

        var failure = await Record.ExceptionAsync(() => Task.Run(() => factory.CreateClient(), TestContext.Current.CancellationToken));

        Assert.NotNull(failure);
        Assert.Contains("Api:Keys", failure.ToString());
    }

    [Fact]
    public async Task InvalidMembershipSettings_StopStartUp_NamingTheSettingAndItsVariable()
    {
        await using var factory = new EmbeddedApiFactory().WithSetting("Orleans:Membership:DeathVoteExpirationTimeout", "00:00:01");

        var failure = await Record.ExceptionAsync(() => Task.Run(() => factory.CreateClient(), TestContext.Current.CancellationToken));

        Assert.NotNull(failure);
        Assert.Contains("Orleans:Membership:DeathVoteExpirationTimeout", failure.ToString());
        Assert.Contains("Orleans__Membership__DeathVoteExpirationTimeout", failure.ToString());
    }

    [Fact]
    public async Task InvalidReadRetrySettings_StopStartUp_NamingTheSettingAndItsVariable()
    {
        await using var factory = new EmbeddedApiFactory().WithSetting("ReadRetry:AttemptTimeout", "00:00:00");

        var failure = await Record.ExceptionAsync(() => Task.Run(() => factory.CreateClient(), TestContext.Current.CancellationToken));

        Assert.NotNull(failure);
        Assert.Contains("ReadRetry:AttemptTimeout", failure.ToString());
        Assert.Contains("ReadRetry__AttemptTimeout", failure.ToString());
    }

    [Fact]
    public async Task CoHostingWithoutADatabase_StopsStartUp_NamingTheSettingAndItsVariable()
    {
        await using var factory = new EmbeddedApiFactory().WithSetting("Hosting:CoHostSilo", "true");

        var failure = await Record.ExceptionAsync(() => Task.Run(() => factory.CreateClient(), TestContext.Current.CancellationToken));

        Assert.NotNull(failure);
        Assert.Contains("Hosting:CoHostSilo", failure.ToString());
        Assert.Contains("Hosting__CoHostSilo", failure.ToString());
        Assert.Contains("ConnectionStrings__Postgres", failure.ToString());
    }
}
