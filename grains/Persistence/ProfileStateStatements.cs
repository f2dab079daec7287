using System.Collections.Concurrent;
using Npgsql;

namespace Juicebox.Grains.Persistence;

/// <summary>
/// Commands for <see cref="PostgresProfileStateReader"/>'s statement, each with its six parameters, handed out
/// one per read and taken back after it: every activation from PostgreSQL otherwise made a command, its
/// connection object, a parameter list and six parameters (about 1.5 KB) to send one statement. A command
/// that failed is dropped rather than taken back; at most <see cref="MaxHeld"/> are kept.
/// </summary>
internal sealed class ProfileStateStatements(NpgsqlDataSource database, string text)
{
    /// <summary>Idle commands kept at most: more than a silo's reads reach the database at once (its pool holds at most 30 connections); more are disposed.</summary>
    public const int MaxHeld = 128;

    private readonly ConcurrentBag<Statement> _idle = [];
    private int _held;

    /// <summary>Commands kept idle for the next reads.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>A command ready to run for one row; give it back with <see cref="Return"/> once its reader is disposed.</summary>
    public Statement Rent(int keyHash, int typeHash, string serviceId, string grainType, string key, string profileId)
    {
        if (_idle.TryTake(out var statement))
        {
            Interlocked.Decrement(ref _held);
        }
        else
        {
            statement = new Statement(database.CreateCommand(text));
        }

        statement.Bind(keyHash, typeHash, serviceId, grainType, key, profileId);
        return statement;
    }

    public void Return(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        statement.Unbind();
        if (Interlocked.Increment(ref _held) <= MaxHeld)
        {
            _idle.Add(statement);
            return;
        }

        Interlocked.Decrement(ref _held);
        statement.Command.Dispose();
    }

    /// <summary>Forgets a command that failed: a new one takes its place on a later read.</summary>
    public void Drop(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        statement.Command.Dispose();
    }

    internal sealed class Statement
    {
        private readonly NpgsqlParameter<int> _keyHash = new();
        private readonly NpgsqlParameter<int> _typeHash = new();
        private readonly NpgsqlParameter<string> _serviceId = new();
        private readonly NpgsqlParameter<string> _grainType = new();
        private readonly NpgsqlParameter<string> _key = new();
        private readonly NpgsqlParameter<string> _profileId = new();

        public Statement(NpgsqlCommand command)
        {
            Command = command;
            command.Parameters.Add(_keyHash);
            command.Parameters.Add(_typeHash);
            command.Parameters.Add(_serviceId);
            command.Parameters.Add(_grainType);
            command.Parameters.Add(_key);
            command.Parameters.Add(_profileId);
        }

        public NpgsqlCommand Command { get; }

        public void Bind(int keyHash, int typeHash, string serviceId, string grainType, string key, string profileId)
        {
            _keyHash.TypedValue = keyHash;
            _typeHash.TypedValue = typeHash;
            _serviceId.TypedValue = serviceId;
            _grainType.TypedValue = grainType;
            _key.TypedValue = key;
            _profileId.TypedValue = profileId;
        }

        // An idle command holds no key of a profile.
        public void Unbind()
        {
            _key.TypedValue = null;
            _profileId.TypedValue = null;
        }
    }
}
