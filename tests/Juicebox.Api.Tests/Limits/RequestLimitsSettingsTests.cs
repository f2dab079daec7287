namespace Juicebox.Api.Tests.Limits;

public sealed class RequestLimitsSettingsTests
{
    [Theory]
    [InlineData("MaxBodyBytes", "0")]
    [InlineData("MaxJobBodyBytes", "-1")]
    [InlineData("MaxHeaderBytes", "10")]
    [InlineData("MaxEventStreamsPerClient", "0")]
    [InlineData("RequestTimeout", "00:00:00")]
    [InlineData("MinBodyRateGracePeriod", "00:00:01")]
    public async Task InvalidRequestLimit_StopsStartUp_NamingTheSettingAndItsVariable(string setting, string value)
    {
        await using var factory = new EmbeddedApiFactory().WithSetting($"RequestLimits:{setting}", value);

        var failure = await Record.ExceptionAsync(() => Task.Run(() => factory.CreateClient(), TestContext.Current.CancellationToken));

        Assert.NotNull(failure);
        Assert.Contains($"RequestLimits:{setting}", failure.ToString());
        Assert.Contains($"RequestLimits__{setting}", failure.ToString());
    }
}
