-- The audit log's own retention and erasure (Juicebox.Grains.Privacy.PostgresAuditStore): the retention
-- job deletes rows older than Privacy:AuditRetention, oldest first, and an erasure puts the person's
-- pseudonym in place of their id in every row that names them.

CREATE INDEX IF NOT EXISTS ix_juicebox_audit_at
    ON juicebox_audit (at);

CREATE INDEX IF NOT EXISTS ix_juicebox_audit_profile_id
    ON juicebox_audit (profile_id)
    WHERE profile_id IS NOT NULL;
