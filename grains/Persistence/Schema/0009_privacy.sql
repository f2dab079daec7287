-- Personal data governance (Juicebox.Grains.Privacy): the suppression list of erased ids, the audit
-- log, the webhook events already handled, and when each stored profile was last read (retention).

-- Erased ids, as HMAC-SHA256 under Privacy:SuppressionKey: never the id itself.
CREATE TABLE IF NOT EXISTS juicebox_suppressions
(
    id_hash       bytea       NOT NULL,
    suppressed_at timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    CONSTRAINT pk_juicebox_suppressions PRIMARY KEY (id_hash)
);

CREATE INDEX IF NOT EXISTS ix_juicebox_suppressions_expires_at ON juicebox_suppressions (expires_at);

-- Who did what to which profile (or to how many), when, on which request. Never contact data or a key.
CREATE TABLE IF NOT EXISTS juicebox_audit
(
    id             bigint      GENERATED ALWAYS AS IDENTITY,
    at             timestamptz NOT NULL,
    client         text        NOT NULL,
    action         text        NOT NULL,
    profile_id     text        NULL,
    item_count     integer     NULL,
    detail         text        NULL,
    correlation_id text        NULL,
    CONSTRAINT pk_juicebox_audit PRIMARY KEY (id)
);

-- Webhook event ids from Juicebox, so that a redelivered event is handled once.
CREATE TABLE IF NOT EXISTS juicebox_webhook_events
(
    event_id    text        NOT NULL,
    event_type  text        NOT NULL,
    received_at timestamptz NOT NULL,
    CONSTRAINT pk_juicebox_webhook_events PRIMARY KEY (event_id)
);

-- When the profile was last read, written by its grain at most once per Privacy:LastReadWriteInterval
-- and on deactivation; NULL while never recorded.
ALTER TABLE profiles ADD COLUMN IF NOT EXISTS last_read_at timestamptz NULL;

-- The retention job's scans: profiles last used (read or stored) before a cutoff, and contact blocks
-- stored before one.
CREATE INDEX IF NOT EXISTS ix_profiles_last_used ON profiles ((greatest(stored_at, last_read_at)));
CREATE INDEX IF NOT EXISTS ix_profiles_enriched_at ON profiles (enriched_at) WHERE enriched_at IS NOT NULL;
