using Juicebox.GrainInterfaces.LocalQueries;
using Npgsql;
using NpgsqlTypes;

namespace Juicebox.Grains.LocalQueries;

/// <summary>
/// The profile index of Cluster mode: table <c>profiles</c> (schema migration 0007). Every operation
/// is one statement; every value travels as a parameter, and the query is one fixed statement whose
/// absent filters are NULL parameters.
/// </summary>
public sealed class PostgresProfileIndex : IProfileIndex
{
    // A held row is replaced by a newer version, or by the same version with other content; the same
    // version with the same content (re-indexing on activation) writes no new row version at all.
    private const string UpsertSql =
        """
        INSERT INTO profiles AS p (id, name, title, company, location, linkedin_url, skills, experience, education,
                                   updated_at, enriched_at, stored_at, title_lower, company_lower, location_lower, skills_lower)
        VALUES (@id, @name, @title, @company, @location, @linkedin_url, @skills, @experience, @education,
                @updated_at, @enriched_at, @stored_at, @title_lower, @company_lower, @location_lower, @skills_lower)
        ON CONFLICT (id) DO UPDATE SET
            name = excluded.name,
            title = excluded.title,
            company = excluded.company,
            location = excluded.location,
            linkedin_url = excluded.linkedin_url,
            skills = excluded.skills,
            experience = excluded.experience,
            education = excluded.education,
            updated_at = excluded.updated_at,
            enriched_at = excluded.enriched_at,
            stored_at = excluded.stored_at,
            title_lower = excluded.title_lower,
            company_lower = excluded.company_lower,
            location_lower = excluded.location_lower,
            skills_lower = excluded.skills_lower
        WHERE p.stored_at < excluded.stored_at
           OR (p.stored_at = excluded.stored_at
               AND (p.name, p.title, p.company, p.location, p.linkedin_url, p.skills, p.experience, p.education, p.updated_at, p.enriched_at)
                   IS DISTINCT FROM
                   (excluded.name, excluded.title, excluded.company, excluded.location, excluded.linkedin_url, excluded.skills,
                    excluded.experience, excluded.education, excluded.updated_at, excluded.enriched_at))
        """;

    private const string DeleteSql = "DELETE FROM profiles WHERE id = @id";

    private const string VersionsSql = "SELECT id, stored_at, enriched_at FROM profiles WHERE id = ANY(@ids)";

    private const string TouchSql =
        "UPDATE profiles SET last_read_at = @at WHERE id = @id AND (last_read_at IS NULL OR last_read_at < @at)";

    // greatest() ignores NULL: a profile never read is judged by when it was stored.
    private const string FindUnusedSql =
        """
        SELECT id FROM profiles
        WHERE greatest(stored_at, last_read_at) < @cutoff AND (@after IS NULL OR id > @after)
        ORDER BY id
        LIMIT @limit
        """;

    private const string FindEnrichedBeforeSql =
        """
        SELECT id FROM profiles
        WHERE enriched_at < @cutoff AND (@after IS NULL OR id > @after)
        ORDER BY id
        LIMIT @limit
        """;

    // Contains-filters are LIKE patterns over the folded columns (trigram-indexed when pg_trgm is
    // installed); skills must all be in the folded array (GIN-indexed). Rows come in id order after
    // the cursor's id: one more than the page, to know whether another page follows.
    private const string QuerySql =
        """
        SELECT id, name, title, company, location, linkedin_url, skills, updated_at, enriched_at
        FROM profiles
        WHERE (@after IS NULL OR id > @after)
          AND (@company IS NULL OR company_lower LIKE @company ESCAPE '\')
          AND (@location IS NULL OR location_lower LIKE @location ESCAPE '\')
          AND (@title IS NULL OR title_lower LIKE @title ESCAPE '\')
          AND (@skills IS NULL OR skills_lower @> @skills)
          AND (@enriched IS NULL OR (enriched_at IS NOT NULL) = @enriched)
          AND (@updated_since IS NULL OR updated_at >= @updated_since)
        ORDER BY id
        LIMIT @limit
        """;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Uses the host's shared data source; the schema must be migrated (0007 or later).</summary>
    public PostgresProfileIndex(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <inheritdoc/>
    public async Task<bool> UpsertAsync(ProfileData profile, DateTimeOffset storedAt, CancellationToken cancellationToken = default)
    {
        var entry = ProfileIndexEntry.From(profile, storedAt);

        await using var command = _dataSource.CreateCommand(UpsertSql);
        var parameters = command.Parameters;
        parameters.Add(Text("id", entry.Id));
        parameters.Add(Text("name", entry.Name));
        parameters.Add(Text("title", entry.Title));
        parameters.Add(Text("company", entry.Company));
        parameters.Add(Text("location", entry.Location));
        parameters.Add(Text("linkedin_url", entry.LinkedinUrl));
        parameters.Add(TextArray("skills", entry.Skills));
        parameters.Add(new NpgsqlParameter<string>("experience", NpgsqlDbType.Jsonb) { TypedValue = entry.ExperienceJson });
        parameters.Add(new NpgsqlParameter<string>("education", NpgsqlDbType.Jsonb) { TypedValue = entry.EducationJson });
        parameters.Add(Timestamp("updated_at", entry.UpdatedAt));
        parameters.Add(Timestamp("enriched_at", entry.EnrichedAt));
        parameters.Add(Timestamp("stored_at", entry.StoredAt));
        parameters.Add(Text("title_lower", entry.TitleLower));
        parameters.Add(Text("company_lower", entry.CompanyLower));
        parameters.Add(Text("location_lower", entry.LocationLower));
        parameters.Add(TextArray("skills_lower", entry.SkillsLower));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, ProfileRowVersion>> GetVersionsAsync(IReadOnlyCollection<string> profileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        var versions = new Dictionary<string, ProfileRowVersion>(profileIds.Count, StringComparer.Ordinal);
        if (profileIds.Count == 0)
        {
            return versions;
        }

        await using var command = _dataSource.CreateCommand(VersionsSql);
        command.Parameters.Add(TextArray("ids", [.. profileIds]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetString(0)] = new ProfileRowVersion(reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset?>(2));
        }

        return versions;
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string profileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileId);

        await using var command = _dataSource.CreateCommand(DeleteSql);
        command.Parameters.Add(Text("id", profileId));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc/>
    public async Task TouchAsync(string profileId, DateTimeOffset readAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        await using var command = _dataSource.CreateCommand(TouchSql);
        command.Parameters.Add(Text("id", profileId));
        command.Parameters.Add(Timestamp("at", readAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> FindUnusedAsync(DateTimeOffset cutoff, string? afterId, int limit, CancellationToken cancellationToken = default) =>
        FindIdsAsync(FindUnusedSql, cutoff, afterId, limit, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> FindEnrichedBeforeAsync(DateTimeOffset cutoff, string? afterId, int limit, CancellationToken cancellationToken = default) =>
        FindIdsAsync(FindEnrichedBeforeSql, cutoff, afterId, limit, cancellationToken);

    private async Task<IReadOnlyList<string>> FindIdsAsync(string sql, DateTimeOffset cutoff, string? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(Timestamp("cutoff", cutoff));
        command.Parameters.Add(Text("after", afterId));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <inheritdoc/>
    public async Task<ProfileQueryPage> QueryAsync(ProfileQuery query, CancellationToken cancellationToken = default)
    {
        ProfileQueryRules.ThrowIfInvalid(query);
        var filter = ProfileIndexFilter.From(query);

        await using var command = _dataSource.CreateCommand(QuerySql);
        var parameters = command.Parameters;
        parameters.Add(Text("after", filter.After));
        parameters.Add(Text("company", ProfileIndexFilter.ContainsPattern(filter.Company)));
        parameters.Add(Text("location", ProfileIndexFilter.ContainsPattern(filter.Location)));
        parameters.Add(Text("title", ProfileIndexFilter.ContainsPattern(filter.Title)));
        parameters.Add(TextArray("skills", filter.Skills.Count == 0 ? null : [.. filter.Skills]));
        parameters.Add(new NpgsqlParameter<bool?>("enriched", NpgsqlDbType.Boolean) { TypedValue = filter.Enriched });
        parameters.Add(Timestamp("updated_since", filter.UpdatedSince));
        parameters.Add(new NpgsqlParameter<int>("limit", query.Limit + 1));

        var listings = new List<ProfileListing>(query.Limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            listings.Add(new ProfileListing
            {
                Id = reader.GetString(0),
                Name = reader.GetString(1),
                Title = reader.IsDBNull(2) ? null : reader.GetString(2),
                Company = reader.IsDBNull(3) ? null : reader.GetString(3),
                Location = reader.IsDBNull(4) ? null : reader.GetString(4),
                LinkedinUrl = reader.IsDBNull(5) ? null : reader.GetString(5),
                Skills = reader.GetFieldValue<string[]>(6),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset?>(7),
                EnrichedAt = reader.GetFieldValue<DateTimeOffset?>(8),
            });
        }

        return ProfileIndexFilter.ToPage(query, listings);
    }

    private static NpgsqlParameter<string?> Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { TypedValue = value };

    private static NpgsqlParameter<string[]?> TextArray(string name, string[]? values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values };

    private static NpgsqlParameter<DateTimeOffset?> Timestamp(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { TypedValue = value };
}
