-- Orleans ADO.NET reminders.
--
-- grainid is GrainId.ToString() (e.g. "counter/2a"); it is wider than Orleans' usual 150
-- characters because generic grain types make long ids. grainhash is the grain's uniform hash
-- (a uint stored as int), which the reminder service reads in ring ranges. period is in
-- milliseconds. version is the reminder's etag.

CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    varchar(150)   NOT NULL,
    grainid      varchar(512)   NOT NULL,
    remindername varchar(150)   NOT NULL,
    starttime    timestamptz(3) NOT NULL,
    period       bigint         NOT NULL,
    grainhash    integer        NOT NULL,
    version      integer        NOT NULL,
    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_grainhash
    ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES
(
    -- Returns the reminder's version: 0 when created, one more on every update.
    'UpsertReminderRowKey',
    $query$
    INSERT INTO orleansreminderstable
        (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
    SET starttime = EXCLUDED.starttime,
        period = EXCLUDED.period,
        grainhash = EXCLUDED.grainhash,
        version = orleansreminderstable.version + 1
    RETURNING version AS "Version"
    $query$
),
(
    'ReadReminderRowsKey',
    $query$
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId
      AND grainid = @GrainId
    $query$
),
(
    'ReadReminderRowKey',
    $query$
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId
      AND grainid = @GrainId
      AND remindername = @ReminderName
    $query$
),
(
    -- A ring range that does not wrap (as signed ints, begin < end): (begin, end].
    'ReadRangeRows1Key',
    $query$
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId
      AND grainhash > @BeginHash
      AND grainhash <= @EndHash
    $query$
),
(
    -- A ring range that wraps around: above begin or up to and including end.
    'ReadRangeRows2Key',
    $query$
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId
      AND (grainhash > @BeginHash OR grainhash <= @EndHash)
    $query$
),
(
    -- One column: 1 if the reminder was still at @Version and is now gone, 0 otherwise.
    'DeleteReminderRowKey',
    $query$
    WITH deleted AS (
        DELETE FROM orleansreminderstable
        WHERE serviceid = @ServiceId
          AND grainid = @GrainId
          AND remindername = @ReminderName
          AND version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer FROM deleted
    $query$
),
(
    'DeleteReminderRowsKey',
    $query$
    DELETE FROM orleansreminderstable
    WHERE serviceid = @ServiceId
    $query$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
