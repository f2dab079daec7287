-- Orleans ADO.NET grain persistence.
--
-- A grain's state is identified by its natural key: service id, grain id (two 64-bit halves plus
-- an optional string part) and "grain type", which Orleans fills with the *state name*, not the
-- grain class. The two hashes only narrow index look-ups. Version is the etag: NULL from Orleans
-- means "I have never seen a row", and every successful write or clear moves it forward by one.
-- All timestamps are timestamptz (Npgsql sends UTC DateTime values as timestamptz).

CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea        NULL,
    modifiedon             timestamptz  NOT NULL DEFAULT now(),
    version                integer      NOT NULL
);

-- One row per natural key. Orleans ships no such constraint, so two activations writing a new
-- grain's first state at the same moment could otherwise both insert. The hashes lead so the
-- index also serves every look-up; NULLS NOT DISTINCT (PostgreSQL 15+) makes "no key extension"
-- a single value.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
    ON orleansstorage (grainidhash, graintypehash, serviceid, grainidn0, grainidn1, graintypestring,
                       grainidextensionstring)
    NULLS NOT DISTINCT;

-- Writes a state and returns its new version, or signals a conflict, in one atomic call:
--   version given: update the row still at that version; on conflict return the version given
--                  (Orleans reads "unchanged" as a conflict);
--   version NULL:  insert version 1 unless a row exists; if one does, return NULL (conflict).
CREATE OR REPLACE FUNCTION writetostorage(
    p_grainidhash            integer,
    p_grainidn0              bigint,
    p_grainidn1              bigint,
    p_graintypehash          integer,
    p_graintypestring        text,
    p_grainidextensionstring text,
    p_serviceid              text,
    p_grainstateversion      integer,
    p_payloadbinary          bytea)
RETURNS integer
LANGUAGE plpgsql
AS $function$
DECLARE
    v_newversion integer;
BEGIN
    IF p_grainstateversion IS NOT NULL THEN
        UPDATE orleansstorage
        SET payloadbinary = p_payloadbinary,
            modifiedon = now(),
            version = version + 1
        WHERE grainidhash = p_grainidhash
          AND graintypehash = p_graintypehash
          AND serviceid = p_serviceid
          AND grainidn0 = p_grainidn0
          AND grainidn1 = p_grainidn1
          AND graintypestring = p_graintypestring
          AND grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
          AND version = p_grainstateversion
        RETURNING version INTO v_newversion;

        RETURN coalesce(v_newversion, p_grainstateversion);
    END IF;

    INSERT INTO orleansstorage
        (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
         serviceid, payloadbinary, modifiedon, version)
    VALUES
        (p_grainidhash, p_grainidn0, p_grainidn1, p_graintypehash, p_graintypestring,
         p_grainidextensionstring, p_serviceid, p_payloadbinary, now(), 1)
    ON CONFLICT DO NOTHING
    RETURNING version INTO v_newversion;

    RETURN v_newversion;
END
$function$;

INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'WriteToStorageKey',
    $query$
    SELECT writetostorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                          @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
           AS "NewGrainStateVersion"
    $query$
),
(
    -- A cleared state keeps its row (NULL payload) so its version, the etag, keeps counting.
    'ReadFromStorageKey',
    $query$
    SELECT payloadbinary AS "PayloadBinary", version AS "Version"
    FROM orleansstorage
    WHERE grainidhash = @GrainIdHash
      AND graintypehash = @GrainTypeHash
      AND serviceid = @ServiceId
      AND grainidn0 = @GrainIdN0
      AND grainidn1 = @GrainIdN1
      AND graintypestring = @GrainTypeString
      AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
    $query$
),
(
    -- Always exactly one row: the new version, or NULL when the row was not at @GrainStateVersion
    -- (Orleans reads NULL as a conflict; no row at all would hide one).
    'ClearStorageKey',
    $query$
    WITH cleared AS (
        UPDATE orleansstorage
        SET payloadbinary = NULL,
            modifiedon = now(),
            version = version + 1
        WHERE grainidhash = @GrainIdHash
          AND graintypehash = @GrainTypeHash
          AND serviceid = @ServiceId
          AND grainidn0 = @GrainIdN0
          AND grainidn1 = @GrainIdN1
          AND graintypestring = @GrainTypeString
          AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
          AND version = @GrainStateVersion
        RETURNING version
    )
    SELECT (SELECT version FROM cleared) AS "Version"
    $query$
),
(
    -- Used instead of ClearStorageKey when a provider sets DeleteStateOnClear. Same one-row
    -- contract; the returned version is the one the deleted row would have had next.
    'DeleteStorageKey',
    $query$
    WITH deleted AS (
        DELETE FROM orleansstorage
        WHERE grainidhash = @GrainIdHash
          AND graintypehash = @GrainTypeHash
          AND serviceid = @ServiceId
          AND grainidn0 = @GrainIdN0
          AND grainidn1 = @GrainIdN1
          AND graintypestring = @GrainTypeString
          AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
          AND version = @GrainStateVersion
        RETURNING version
    )
    SELECT (SELECT version + 1 FROM deleted) AS "Version"
    $query$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
