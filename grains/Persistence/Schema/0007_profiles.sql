-- The queryable copy of every stored profile (Juicebox.Grains.LocalQueries.PostgresProfileIndex).
-- Profile grains write it after their own state; it never holds the contact block.

CREATE TABLE IF NOT EXISTS profiles
(
    -- Byte order, so keyset paging by id matches ordinal string order in .NET.
    id             text        COLLATE "C" NOT NULL,
    name           text        NOT NULL,
    title          text        NULL,
    company        text        NULL,
    location       text        NULL,
    linkedin_url   text        NULL,
    skills         text[]      NOT NULL,
    experience     jsonb       NOT NULL,
    education      jsonb       NOT NULL,
    -- The upstream's updatedAt of the stored copy.
    updated_at     timestamptz NULL,
    -- When the profile was enriched; NULL while it never was.
    enriched_at    timestamptz NULL,
    -- The version of the grain state this row copies (when the grain stored it); writes never move it back.
    stored_at      timestamptz NOT NULL,
    -- Match keys, trimmed and lower-cased by the application, so that matching never depends on the
    -- database's collation (a C-locale database lower-cases ASCII only).
    title_lower    text        COLLATE "C" NULL,
    company_lower  text        COLLATE "C" NULL,
    location_lower text        COLLATE "C" NULL,
    skills_lower   text[]      COLLATE "C" NOT NULL,
    CONSTRAINT pk_profiles PRIMARY KEY (id)
);

-- skill=: every requested skill in the array (@>).
CREATE INDEX IF NOT EXISTS ix_profiles_skills ON profiles USING gin (skills_lower);

-- updatedSince=
CREATE INDEX IF NOT EXISTS ix_profiles_updated_at ON profiles (updated_at);

-- company=, location=, title= are case-insensitive "contains" filters (LIKE '%text%'), which only a
-- trigram index serves. pg_trgm ships with PostgreSQL (the contrib package, which the official images
-- and Debian's postgresql package include) and is a trusted extension, so the database owner may
-- create it. Where it cannot be created the filters still work, by scanning the table.
DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'pg_trgm is not available (%): company, location and title filters of the profiles table will scan it', SQLERRM;
    END;

    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX IF NOT EXISTS ix_profiles_company ON profiles USING gin (company_lower gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS ix_profiles_location ON profiles USING gin (location_lower gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS ix_profiles_title ON profiles USING gin (title_lower gin_trgm_ops);
    END IF;
END
$$;
