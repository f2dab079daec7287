-- The profile grains' state read (Juicebox.Grains.Persistence.PostgresProfileStateReader), kept beside Orleans'
-- own statements so the benchmark's ceiling sends exactly what a cold read sends. One statement: the
-- orleansstorage row as Orleans' ADO.NET provider stores a string key (both numeric halves 0, the key as the
-- extension string), and the version of the profile's profiles row in the same snapshot. Positional parameters:
-- $1 grain id hash, $2 grain type hash, $3 service id, $4 state name, $5 grain key, $6 profile id.
-- Columns, in this order: payload, version, the row's stored_at and enriched_at, whether the row exists.
INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'ReadProfileStateKey',
    $query$
    SELECT s.payloadbinary, s.version, p.stored_at, p.enriched_at, p.id IS NOT NULL
    FROM orleansstorage s
    LEFT JOIN profiles p ON p.id = $6
    WHERE s.grainidhash = $1 AND s.graintypehash = $2 AND s.serviceid = $3
      AND s.grainidn0 = 0 AND s.grainidn1 = 0 AND s.graintypestring = $4 AND s.grainidextensionstring = $5
    $query$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
