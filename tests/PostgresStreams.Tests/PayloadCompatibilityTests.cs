using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;

namespace PostgresStreams.Tests;

/// <summary>
/// Queue rows outlive the code that wrote them: a payload written before the provider had a project
/// of its own (then Juicebox.Grains.Streaming, envelope alias "Juicebox.PostgresStreamEnvelope") must
/// still decode. The sample was written by that code on 2026-12-05 (commit 536dcd5).
/// </summary>
public sealed class PayloadCompatibilityTests
{
    [Fact]
    public void PayloadWrittenBeforeTheMove_DecodesToTheSameEnvelope()
    {
        var payload = Convert.FromHexString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "envelope-2026-12-05.hex")).Trim());
        var services = new ServiceCollection();
        services.AddSerializer();
        using var provider = services.BuildServiceProvider();

        var envelope = new PostgresStreamPayloadCodec(provider.GetRequiredService<Serializer>()).Decode(payload);

        Assert.Equal(StreamId.Create("sample-namespace", "sample-key"), envelope.StreamId);
        Assert.Equal(["first", 42, 3.5], envelope.Events);
        Assert.Equal("acme", Assert.Single(envelope.RequestContext!).Value);
        Assert.Equal("tenant", Assert.Single(envelope.RequestContext!).Key);
    }

    [Fact]
    public void PayloadsName_NoProviderType()
    {
        // Only the events' types are written, not the envelope's: its alias can change without a migration.
        var services = new ServiceCollection();
        services.AddSerializer();
        using var provider = services.BuildServiceProvider();
        var codec = new PostgresStreamPayloadCodec(provider.GetRequiredService<Serializer>());

        var payload = codec.Encode(new PostgresStreamEnvelope { StreamId = StreamId.Create("n", "k"), Events = ["x"] });

        Assert.DoesNotContain("PostgresStreamEnvelope", System.Text.Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
    }
}
