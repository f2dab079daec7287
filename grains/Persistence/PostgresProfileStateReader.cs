using System.Buffers;
using System.Globalization;
using System.Text;
using Juicebox.GrainInterfaces.Persistence;
using Juicebox.Grains.LocalQueries;
using Juicebox.Grains.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Juicebox.Grains.Persistence;

/// <summary>
/// A profile grain's state read in one statement of our own instead of through Orleans' ADO.NET provider:
/// the same <c>orleansstorage</c> row (same key columns and hashes, the same serializer), and beside it the
/// version of the profile's <c>profiles</c> row, read in the same snapshot, so that an activation whose row
/// is current needs no later check. Positional parameters: Npgsql sends the text as it is instead of parsing
/// it for named ones on every read. Writes and clears stay with Orleans' provider.
/// </summary>
internal sealed class PostgresProfileStateReader : IProfileStateReader
{
    /// <summary>The <c>orleansquery</c> key of the statement (migration 0014), which the benchmark's ceiling sends too.</summary>
    public const string QueryKey = "ReadProfileStateKey";

    private readonly NpgsqlDataSource _database;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IStorageHasherPicker _hashers;
    private readonly IGrainStorage _fallback;
    private readonly StoredProfileJson? _parking;
    private readonly string _serviceId;
    private Task<ProfileStateStatements>? _statements;
    private StateNameHashOf? _stateNameHash;

    public PostgresProfileStateReader(
        NpgsqlDataSource database,
        SystemTextJsonGrainStorageSerializer serializer,
        IOptions<SystemTextJsonGrainStorageSerializerOptions> serializerOptions,
        IOptionsMonitor<AdoNetGrainStorageOptions> storageOptions,
        IOptions<ClusterOptions> cluster,
        [FromKeyedServices(StorageNames.Profiles)] IGrainStorage fallback)
    {
        _database = database;
        _serializer = serializer;
        _parking = StoredProfileJson.Create(serializerOptions.Value.JsonSerializerOptions);

        // Orleans' provider hashes with the options' picker, or its default hasher when none is set.
        _hashers = storageOptions.Get(StorageNames.Profiles).HashPicker ?? new StorageHasherPicker([new OrleansDefaultHasher()]);
        _serviceId = cluster.Value.ServiceId;
        _fallback = fallback;
    }

    public async Task<ProfileRowAtRead> ReadAsync(GrainId grainId, IGrainState<ProfileState> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (grainId.TryGetGuidKey(out _, out _) || grainId.TryGetIntegerKey(out _, out _))
        {
            // Not a profile key (those never parse as numbers): stored under numeric key columns, read as Orleans reads it.
            await _fallback.ReadStateAsync(ProfileGrain.StateName, grainId, state);
            return ProfileRowAtRead.Unknown;
        }

        try
        {
            return await ReadRowAsync(grainId, state);
        }
        catch (Exception exception) when (exception is not StorageUnavailableException && StorageFailures.IsDatabaseAway(exception))
        {
            throw StorageFailures.Unavailable($"grain state '{ProfileGrain.StateName}' could not be read ({StorageNames.Profiles})", exception);
        }
    }

    private async Task<ProfileRowAtRead> ReadRowAsync(GrainId grainId, IGrainState<ProfileState> state)
    {
        var key = grainId.Key.ToString()!;
        var hasher = _hashers.PickHasher(_serviceId, StorageNames.Profiles, ProfileGrain.StateName, grainId, state)
            ?? throw new InvalidOperationException($"No storage hasher for grain state '{ProfileGrain.StateName}' ({StorageNames.Profiles}).");
        var statements = await StatementsAsync();
        var statement = statements.Rent(hasher.Hash(KeyHashBytes(key)), StateNameHash(hasher), _serviceId, ProfileGrain.StateName, key, ProfileKey.ToId(key));
        try
        {
            ProfileRowAtRead row;
            await using (var reader = await statement.Command.ExecuteReaderAsync())
            {
                row = await reader.ReadAsync() ? ReadRow(reader, state) : NoRow(state);
            }

            statements.Return(statement);
            return row;
        }
        catch
        {
            statements.Drop(statement);
            throw;
        }
    }

    private static ProfileRowAtRead NoRow(IGrainState<ProfileState> state)
    {
        state.State = new ProfileState();
        state.ETag = null;
        state.RecordExists = false;
        return new ProfileRowAtRead(Known: true, Version: null);
    }

    private ProfileRowAtRead ReadRow(NpgsqlDataReader reader, IGrainState<ProfileState> state)
    {
        // As Orleans' provider: a row without payload (a cleared state) exists, with a fresh state.
        var parkable = state as IParkableProfileState;
        ParkedProfile? parked = null;
        state.State = reader.IsDBNull(0) ? new ProfileState() : Deserialize(reader, parkable is not null, out parked);
        state.ETag = reader.GetInt32(1).ToString(CultureInfo.InvariantCulture);
        state.RecordExists = true;
        if (parked is not null)
        {
            parkable!.Park(parked);
        }

        var row = reader.GetBoolean(4)
            ? new ProfileRowVersion(reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3))
            : (ProfileRowVersion?)null;
        return new ProfileRowAtRead(Known: true, row);
    }

    /// <summary>
    /// The statement's commands, its text read once from <c>orleansquery</c> as Orleans' providers read theirs (a failed
    /// read is tried again by the next call). Profile grain keys are strings that parse neither as a GUID nor as an
    /// integer (<see cref="ProfileKey"/>'s prefix), which Orleans' provider stores with both numeric halves 0.
    /// </summary>
    private Task<ProfileStateStatements> StatementsAsync()
    {
        var statements = _statements;
        if (statements is null || statements.IsFaulted || statements.IsCanceled)
        {
            _statements = statements = LoadStatementsAsync();
        }

        return statements;
    }

    private async Task<ProfileStateStatements> LoadStatementsAsync()
    {
        await using var command = _database.CreateCommand("SELECT querytext FROM orleansquery WHERE querykey = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = QueryKey });
        var text = await command.ExecuteScalarAsync() as string
            ?? throw new InvalidOperationException($"The database has no '{QueryKey}' query (orleansquery): its schema is older than this silo.");
        return new ProfileStateStatements(_database, text);
    }

    /// <summary>The hash of the state's name, the same for every profile: computed once per hasher.</summary>
    private int StateNameHash(IHasher hasher)
    {
        if (_stateNameHash is { } known && ReferenceEquals(known.Hasher, hasher))
        {
            return known.Hash;
        }

        var hash = hasher.Hash(Encoding.UTF8.GetBytes(ProfileGrain.StateName));
        _stateNameHash = new StateNameHashOf(hasher, hash);
        return hash;
    }

    private sealed record StateNameHashOf(IHasher Hasher, int Hash);

    /// <summary>
    /// The payload deserialized from a rented buffer (the row's bytes are needed only while it is read); for a state
    /// that takes its profile parked, without the profile's objects where <see cref="StoredProfileJson"/> can.
    /// </summary>
    private ProfileState? Deserialize(NpgsqlDataReader reader, bool mayPark, out ParkedProfile? parked)
    {
        var length = (int)reader.GetBytes(0, 0, null, 0, 0);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = (int)reader.GetBytes(0, 0, buffer, 0, length);
            if (mayPark && _parking is not null && _parking.TryRead(buffer.AsSpan(0, read), out var state, out parked))
            {
                return state;
            }

            parked = null;
            return _serializer.Deserialize<ProfileState>(new BinaryData(buffer.AsMemory(0, read)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>What Orleans' provider hashes for a string key: its UTF-8 bytes, reversed on little-endian machines.</summary>
    private static byte[] KeyHashBytes(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        return bytes;
    }
}
