namespace PostgresStreams;

/// <summary>
/// The names of one provider's tables, from <see cref="PostgresStreamOptions.TablePrefix"/>. SQL in
/// this project names them <c>{messages}</c>, <c>{dead_letters}</c> and <c>{lease_seq}</c>;
/// <see cref="Apply"/> puts the real names in.
/// </summary>
public sealed record PostgresStreamTables
{
    public PostgresStreamTables(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        Prefix = prefix;
    }

    public string Prefix { get; }

    public string Messages => Prefix + "_messages";

    public string DeadLetters => Prefix + "_dead_letters";

    public string LeaseSequence => Prefix + "_lease_seq";

    /// <summary>Replaces the table placeholders in <paramref name="sql"/>.</summary>
    public string Apply(string sql) =>
        sql.Replace("{messages}", Messages, StringComparison.Ordinal)
            .Replace("{dead_letters}", DeadLetters, StringComparison.Ordinal)
            .Replace("{lease_seq}", LeaseSequence, StringComparison.Ordinal);
}
