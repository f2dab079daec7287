-- The API client that submitted an enrichment job (Juicebox.Grains.Enrichment.Jobs.PostgresEnrichmentJobStore):
-- only that client and operators may read the job. NULL for jobs stored before this column, readable by any client.
ALTER TABLE juicebox_enrichment_jobs ADD COLUMN IF NOT EXISTS owner text NULL;
