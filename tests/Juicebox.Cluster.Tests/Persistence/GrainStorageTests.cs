using System.Text.Json;
using Juicebox.Cluster.Tests.Persistence.TestGrains;
using Npgsql;
using Orleans.Storage;

namespace Juicebox.Cluster.Tests.Persistence;

[Collection(PostgresClusterCollection.Name)]
public sealed class GrainStorageTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task WriteState_StoresOneJsonRowKeyedByStateNameAndGrainKey()
    {
        var key = NewKey();

        await fixture.Client.GetGrain<IStorageTestGrain>(key).SetValueAsync("hello");

        var row = await ReadRowAsync(key);
        Assert.Equal(1, row.Version);
        Assert.Equal((0L, 0L), (row.N0, row.N1));
        using var json = JsonDocument.Parse(Assert.IsType<byte[]>(row.Payload));
        Assert.Equal("hello", json.RootElement.GetProperty("Value").GetString());
        // System.Text.Json, not Orleans' default Newtonsoft serializer, which embeds .NET type names.
        Assert.False(json.RootElement.TryGetProperty("$type", out _), "Payload carries a $type: not System.Text.Json.");
    }

    [Fact]
    public async Task State_AfterDeactivation_IsReadBackFromPostgres()
    {
        var key = NewKey();
        var grain = fixture.Client.GetGrain<IStorageTestGrain>(key);
        await grain.SetValueAsync("written by the grain");
        await fixture.Cluster.DeactivateAsync(grain);

        // Change the row behind Orleans' back: only a read from PostgreSQL can return this.
        await TestDatabase.ExecuteAsync(
            fixture.ConnectionString,
            """
            UPDATE orleansstorage SET payloadbinary = convert_to('{"Value":"edited in postgres"}', 'UTF8')
            WHERE graintypestring = @state AND grainidextensionstring = @key
            """,
            new NpgsqlParameter("state", StorageTestGrain.StateName),
            new NpgsqlParameter("key", key));

        Assert.Equal("edited in postgres", await grain.GetValueAsync());
        Assert.Equal("1", await grain.GetETagAsync());
    }

    [Fact]
    public async Task ClearState_KeepsTheRowWithoutPayload_AndLaterWritesContinueTheVersion()
    {
        var key = NewKey();
        var grain = fixture.Client.GetGrain<IStorageTestGrain>(key);
        await grain.SetValueAsync("to be cleared");

        await grain.ClearAsync();

        var cleared = await ReadRowAsync(key);
        Assert.Equal((2, null), (cleared.Version, cleared.Payload));
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Null(await grain.GetValueAsync());

        await grain.SetValueAsync("written again");

        var rewritten = await ReadRowAsync(key);
        Assert.Equal(3, rewritten.Version);
        Assert.NotNull(rewritten.Payload);
    }

    [Fact]
    public async Task WriteState_AfterAnotherWriter_FailsWithInconsistentStateException()
    {
        var key = NewKey();
        var grain = fixture.Client.GetGrain<IStorageTestGrain>(key);
        await grain.SetValueAsync("first");

        // Another activation (say, during a split brain) wrote in between: the row's version moved on.
        await TestDatabase.ExecuteAsync(
            fixture.ConnectionString,
            "UPDATE orleansstorage SET version = version + 1 WHERE graintypestring = @state AND grainidextensionstring = @key",
            new NpgsqlParameter("state", StorageTestGrain.StateName),
            new NpgsqlParameter("key", key));

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetValueAsync("second"));
        var row = await ReadRowAsync(key);
        Assert.Equal(2, row.Version);
        using var json = JsonDocument.Parse(Assert.IsType<byte[]>(row.Payload));
        Assert.Equal("first", json.RootElement.GetProperty("Value").GetString());
    }

    private static string NewKey() => "storage-" + Guid.NewGuid().ToString("N");

    private Task<StorageRow> ReadRowAsync(string key) =>
        TestDatabase.SingleAsync(
            fixture.ConnectionString,
            """
            SELECT version, grainidn0, grainidn1, payloadbinary FROM orleansstorage
            WHERE graintypestring = @state AND grainidextensionstring = @key
            """,
            r => new StorageRow(r.GetInt32(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetFieldValue<byte[]>(3)),
            new NpgsqlParameter("state", StorageTestGrain.StateName),
            new NpgsqlParameter("key", key));

    private sealed record StorageRow(int Version, long N0, long N1, byte[]? Payload);
}
