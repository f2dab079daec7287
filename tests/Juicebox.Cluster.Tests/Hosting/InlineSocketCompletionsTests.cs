using Juicebox.Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace Juicebox.Cluster.Tests.Hosting;

/// <summary>
/// <see cref="InlineSocketCompletions"/>'s decision, against an environment of its own (the test process's
/// sockets stay as they are). That the hosts' processes run with it is checked by the quick benchmark,
/// which reads every host's <c>/_diagnostics/process</c>.
/// </summary>
public sealed class InlineSocketCompletionsTests
{
    private readonly Dictionary<string, string?> _environment = [];

    [Fact]
    public void ByDefault_TheRuntimeSwitchIsSet()
    {
        Apply();

        Assert.Equal("1", _environment[InlineSocketCompletions.RuntimeVariable]);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public void SettingOn_SetsTheRuntimeSwitch(string value)
    {
        Apply(value);

        Assert.Equal("1", _environment[InlineSocketCompletions.RuntimeVariable]);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("not-a-boolean")]
    public void SettingOffOrInvalid_LeavesTheRuntimeAsItIs(string value)
    {
        Apply(value);

        Assert.False(_environment.ContainsKey(InlineSocketCompletions.RuntimeVariable));
    }

    [Fact]
    public void TheOperatorsOwnSwitch_WinsOverTheSetting()
    {
        _environment[InlineSocketCompletions.RuntimeVariable] = "0";

        Apply("true");

        Assert.Equal("0", _environment[InlineSocketCompletions.RuntimeVariable]);
    }

    private void Apply(string? setting = null)
    {
        var values = new Dictionary<string, string?>();
        if (setting is not null)
        {
            values[$"{SocketOptions.SectionName}:{nameof(SocketOptions.InlineCompletions)}"] = setting;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        InlineSocketCompletions.Apply(
            configuration.GetSection(SocketOptions.SectionName),
            name => _environment.GetValueOrDefault(name),
            (name, value) => _environment[name] = value);
    }
}
