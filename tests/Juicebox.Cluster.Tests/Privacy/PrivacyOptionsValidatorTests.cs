using Juicebox.Grains.Privacy;
using Microsoft.Extensions.Options;

namespace Juicebox.Cluster.Tests.Privacy;

public sealed class PrivacyOptionsValidatorTests
{
    private static readonly IValidateOptions<PrivacyOptions> Validator = new PrivacyOptionsValidator();

    [Fact]
    public void TheDefaults_AreValidWithoutAKey_WhereNoneIsRequired() =>
        Assert.True(Validator.Validate(null, new PrivacyOptions()).Succeeded);

    [Fact]
    public void AMissingKey_WhereOneIsRequired_NamesTheSettingAndItsVariable()
    {
        var options = new PrivacyOptions { SuppressionKeyRequired = true };

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Privacy__SuppressionKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SuppressionKey", "too-short")]
    [InlineData("SuppressFor", "00:00:00")]
    [InlineData("ProfileRetention", "-1.00:00:00")]
    [InlineData("ContactRetention", "00:00:00")]
    [InlineData("RetentionInterval", "00:00:00")]
    [InlineData("LastReadWriteInterval", "200.00:00:00")]
    public void ABadValue_NamesItsSetting(string setting, string value)
    {
        var options = new PrivacyOptions();
        var property = typeof(PrivacyOptions).GetProperty(setting)!;
        property.SetValue(options, property.PropertyType == typeof(string) ? value : TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Privacy__{setting}", result.FailureMessage, StringComparison.Ordinal);
    }
}
