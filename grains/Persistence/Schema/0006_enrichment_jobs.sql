-- Enrichment jobs and the state of each of their profiles (Juicebox.Grains.Enrichment.Jobs.PostgresEnrichmentJobStore).

CREATE TABLE IF NOT EXISTS juicebox_enrichment_jobs
(
    job_id      uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    total       integer     NOT NULL,
    rejected    integer     NOT NULL,
    -- Set once, when no item of the job is Queued (0) or Running (1) any more.
    finished_at timestamptz NULL,
    CONSTRAINT pk_juicebox_enrichment_jobs PRIMARY KEY (job_id),
    CONSTRAINT ck_juicebox_enrichment_jobs_counts CHECK (total >= 0 AND rejected >= 0)
);

-- Finds jobs to delete by age.
CREATE INDEX IF NOT EXISTS ix_juicebox_enrichment_jobs_finished_at
    ON juicebox_enrichment_jobs (finished_at)
    WHERE finished_at IS NOT NULL;

-- No foreign key to the jobs table: items are only ever inserted by the statement that inserts their
-- job, and a per-row key check would slow down creating a 50,000-item job for nothing.
CREATE TABLE IF NOT EXISTS juicebox_enrichment_items
(
    job_id       uuid        NOT NULL,
    -- Byte order, so keyset paging by profile id matches ordinal string order in .NET.
    profile_id   text        COLLATE "C" NOT NULL,
    -- EnrichmentItemStatus: 0 Queued, 1 Running, 2 Done, 3 Skipped, 4 Failed.
    status       smallint    NOT NULL,
    reason       text        NULL,
    requested_at timestamptz NOT NULL,
    started_at   timestamptz NULL,
    finished_at  timestamptz NULL,
    CONSTRAINT pk_juicebox_enrichment_items PRIMARY KEY (job_id, profile_id),
    CONSTRAINT ck_juicebox_enrichment_items_status CHECK (status BETWEEN 0 AND 4)
);

-- A job's counts by status, its first start and last finish, and whether anything is left to do,
-- all from the index alone.
CREATE INDEX IF NOT EXISTS ix_juicebox_enrichment_items_job_status
    ON juicebox_enrichment_items (job_id, status)
    INCLUDE (started_at, finished_at);

-- A job's failed items in profile id order (keyset paging); holds only failed items.
CREATE INDEX IF NOT EXISTS ix_juicebox_enrichment_items_failed
    ON juicebox_enrichment_items (job_id, profile_id)
    WHERE status = 4;

-- The latest item of a profile across jobs.
CREATE INDEX IF NOT EXISTS ix_juicebox_enrichment_items_profile_latest
    ON juicebox_enrichment_items (profile_id, requested_at DESC, job_id DESC);
