namespace Juicebox.Api.Tests.Limits;

/// <summary>Request limits that stop the host at start, checked on a host built but not started (<see cref="UnstartedApiHost"/>).</summary>
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
        var failure = await UnstartedApiHost.StartUpFailureAsync($"RequestLimits:{setting}={value}");

        Assert.NotNull(failure);
        Assert.Contains($"RequestLimits:{setting}", failure.ToString());
        Assert.Contains($"RequestLimits__{setting}", failure.ToString());
    }
}
