-- API clients' enrichment reservations, one row per submission (Juicebox.Grains.Clients.PostgresClientUsageStore).
-- A client's use of a month is the sum of its rows' charged; a row is charged what it reserved until
-- the refunds of its job's skipped and failed profiles are applied, and settled once its job finished.

CREATE TABLE IF NOT EXISTS juicebox_client_enrichment_usage
(
    client         text        COLLATE "C" NOT NULL,
    -- The first day of the UTC month the reservation counts against.
    month          date        NOT NULL,
    reservation_id uuid        NOT NULL,
    -- Null between the reservation and the job's creation (and for ever if the host died in between).
    job_id         uuid        NULL,
    reserved       integer     NOT NULL,
    charged        integer     NOT NULL,
    settled        boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL,
    CONSTRAINT pk_juicebox_client_enrichment_usage PRIMARY KEY (client, month, reservation_id),
    CONSTRAINT ck_juicebox_client_enrichment_usage_counts CHECK (reserved > 0 AND charged BETWEEN 0 AND reserved)
);

-- The reservations whose refunds are still to be read.
CREATE INDEX IF NOT EXISTS ix_juicebox_client_enrichment_usage_unsettled
    ON juicebox_client_enrichment_usage (client, month)
    WHERE NOT settled;
