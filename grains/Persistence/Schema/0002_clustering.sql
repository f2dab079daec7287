-- Orleans ADO.NET clustering (membership) for silos and clients.
--
-- The whole membership table of a cluster shares one version number, kept in
-- orleansmembershipversiontable: every insert or update of a member row is a compare-and-swap on
-- it, and it is the etag Orleans hands back for every row. @DeploymentId is the ClusterId.
-- Status values: 0 None, 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.

CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid varchar(150)   NOT NULL,
    timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (deploymentid)
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid varchar(150)   NOT NULL,
    address      varchar(45)    NOT NULL,
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer        NOT NULL DEFAULT 0,
    suspecttimes varchar(8000)  NULL,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (deploymentid)
        REFERENCES orleansmembershipversiontable (deploymentid) ON DELETE CASCADE
);

INSERT INTO orleansquery (querykey, querytext) VALUES
(
    -- Creates the cluster's version row if it is missing; one column, 1 when this call created it.
    'InsertMembershipVersionKey',
    $query$
    WITH created AS (
        INSERT INTO orleansmembershipversiontable (deploymentid)
        VALUES (@DeploymentId)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM created
    $query$
),
(
    -- The version row joined to every member; a cluster without members still yields one row
    -- (with a NULL starttime), which is how Orleans learns the table version.
    'MembershipReadAllKey',
    $query$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
           m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
    WHERE v.deploymentid = @DeploymentId
    $query$
),
(
    'MembershipReadRowKey',
    $query$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
           m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m
        ON m.deploymentid = v.deploymentid
       AND m.address = @Address
       AND m.port = @Port
       AND m.generation = @Generation
    WHERE v.deploymentid = @DeploymentId
    $query$
),
(
    -- Adds a member only if the table is still at @Version and the member is new; bumps the
    -- version in the same statement. Returns 1 on success, 0 otherwise.
    'InsertMembershipKey',
    $query$
    WITH bumped AS (
        UPDATE orleansmembershipversiontable
        SET version = version + 1, timestamp = now()
        WHERE deploymentid = @DeploymentId
          AND version = @Version
          AND NOT EXISTS (
              SELECT 1 FROM orleansmembershiptable
              WHERE deploymentid = @DeploymentId
                AND address = @Address
                AND port = @Port
                AND generation = @Generation)
        RETURNING deploymentid
    ), inserted AS (
        INSERT INTO orleansmembershiptable
            (deploymentid, address, port, generation, siloname, hostname, status, proxyport,
             starttime, iamalivetime)
        SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
               @StartTime, @IAmAliveTime
        FROM bumped
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted
    $query$
),
(
    -- Changes a member only if the table is still at @Version; bumps the version in the same
    -- statement. Returns 1 on success, 0 otherwise.
    'UpdateMembershipKey',
    $query$
    WITH bumped AS (
        UPDATE orleansmembershipversiontable
        SET version = version + 1, timestamp = now()
        WHERE deploymentid = @DeploymentId
          AND version = @Version
          AND EXISTS (
              SELECT 1 FROM orleansmembershiptable
              WHERE deploymentid = @DeploymentId
                AND address = @Address
                AND port = @Port
                AND generation = @Generation)
        RETURNING deploymentid
    ), updated AS (
        UPDATE orleansmembershiptable m
        SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
        FROM bumped b
        WHERE m.deploymentid = b.deploymentid
          AND m.address = @Address
          AND m.port = @Port
          AND m.generation = @Generation
        RETURNING 1
    )
    SELECT count(*)::integer FROM updated
    $query$
),
(
    -- The heartbeat: deliberately leaves the table version alone.
    'UpdateIAmAlivetimeKey',
    $query$
    UPDATE orleansmembershiptable
    SET iamalivetime = @IAmAliveTime
    WHERE deploymentid = @DeploymentId
      AND address = @Address
      AND port = @Port
      AND generation = @Generation
    $query$
),
(
    -- What clients connect to: members in @Status (Active) with a gateway port.
    'GatewaysQueryKey',
    $query$
    SELECT address, proxyport, generation
    FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId
      AND status = @Status
      AND proxyport > 0
    $query$
),
(
    -- Removes a whole cluster; its member rows go with the version row (ON DELETE CASCADE).
    'DeleteMembershipTableEntriesKey',
    $query$
    DELETE FROM orleansmembershipversiontable
    WHERE deploymentid = @DeploymentId
    $query$
),
(
    -- Removes members that are Dead (6) and have not been heard from since the cutoff. Rows in
    -- any other status are left alone, however old, so a slow but live silo is never deleted.
    'CleanupDefunctSiloEntriesKey',
    $query$
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId
      AND status = 6
      AND iamalivetime < @IAmAliveTime
    $query$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
