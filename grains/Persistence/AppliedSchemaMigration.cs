namespace Juicebox.Grains.Persistence;

/// <summary>A row of <c>juicebox_schema_migrations</c>: a migration some migrator already applied.</summary>
internal sealed record AppliedSchemaMigration(int Version, string Name, string Checksum, DateTimeOffset AppliedAt);
