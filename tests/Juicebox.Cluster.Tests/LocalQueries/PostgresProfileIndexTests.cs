using Npgsql;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>The index contract on PostgreSQL, and what only the table can show.</summary>
public sealed class PostgresProfileIndexTests(PostgresProfileIndexHarness harness)
    : ProfileIndexContractTests<PostgresProfileIndexHarness>(harness)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Table_HoldsNoContactData()
    {
        var enriched = Harness.Corpus.Profiles.Where(profile => profile.Contact is not null).Take(50).ToList();
        Assert.NotEmpty(enriched);

        await using var command = Harness.SeededDatabase.CreateCommand(
            "SELECT row_to_json(p)::text FROM profiles AS p WHERE id = ANY(@ids)");
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
        {
            TypedValue = [.. enriched.Select(profile => profile.Id)],
        });
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Cancel))
        {
            while (await reader.ReadAsync(Cancel))
            {
                rows.Add(reader.GetString(0));
            }
        }

        Assert.Equal(enriched.Count, rows.Count);
        foreach (var (profile, row) in enriched.OrderBy(p => p.Id, StringComparer.Ordinal).Zip(rows.Order(StringComparer.Ordinal)))
        {
            Assert.DoesNotContain(profile.Contact!.Email!, row, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(profile.Contact.Phone!, row, StringComparison.Ordinal);
            Assert.DoesNotContain("@example.com", row, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Table_HasNoContactColumns_AndIndexesItsFilters()
    {
        var columns = await ReadStringsAsync(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'profiles' ORDER BY ordinal_position");
        var indexes = await ReadStringsAsync("SELECT indexdef FROM pg_indexes WHERE tablename = 'profiles'");

        Assert.Equal(
            ["id", "name", "title", "company", "location", "linkedin_url", "skills", "experience", "education", "updated_at",
             "enriched_at", "stored_at", "title_lower", "company_lower", "location_lower", "skills_lower",
             "last_read_at"],
            columns);

        // The test server has PostgreSQL's contrib modules, so the contains-filters get trigram indexes.
        Assert.Contains(indexes, definition => definition.Contains("gin (company_lower gin_trgm_ops)", StringComparison.Ordinal));
        Assert.Contains(indexes, definition => definition.Contains("gin (location_lower gin_trgm_ops)", StringComparison.Ordinal));
        Assert.Contains(indexes, definition => definition.Contains("gin (title_lower gin_trgm_ops)", StringComparison.Ordinal));
        Assert.Contains(indexes, definition => definition.Contains("gin (skills_lower)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContainsFilter_IsServedByItsTrigramIndex()
    {
        await using var command = Harness.SeededDatabase.CreateCommand(
            "SET LOCAL enable_seqscan = off; EXPLAIN SELECT id FROM profiles WHERE company_lower LIKE @pattern ESCAPE '\\'");
        command.Parameters.Add(new NpgsqlParameter<string>("pattern", "%müller%"));
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Cancel))
        {
            do
            {
                while (await reader.ReadAsync(Cancel))
                {
                    plan.Add(reader.GetString(0));
                }
            }
            while (await reader.NextResultAsync(Cancel));
        }

        Assert.Contains(plan, line => line.Contains("ix_profiles_company", StringComparison.Ordinal));
    }

    private async Task<List<string>> ReadStringsAsync(string sql)
    {
        await using var command = Harness.SeededDatabase.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var values = new List<string>();
        while (await reader.ReadAsync(Cancel))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
