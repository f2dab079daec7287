-- Orleans' ADO.NET providers (clustering, grain storage, reminders, streams) read the SQL they
-- run from this table when they start: "SELECT QueryKey, QueryText FROM OrleansQuery",
-- unqualified, so the table must be on the connection's search_path. PostgreSQL folds the
-- unquoted name to lower case, which is why everything here is written in lower case.
--
-- Later migrations add their rows with an upsert, so a new migration can replace a query.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64)   NOT NULL,
    querytext varchar(8000) NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (querykey)
);
