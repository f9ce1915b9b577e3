package io.pgbarge.script;

/** What a statement of a script does, as far as a restore engine that defers and parallelises work cares. */
public enum StatementKind {
    /** SET, RESET, or SELECT set_config(…): see {@link SetCommand}. */
    SET,
    CREATE_SCHEMA,
    /** CREATE [UNLOGGED|FOREIGN] TABLE, including partitions (PARTITION OF). */
    CREATE_TABLE,
    CREATE_SEQUENCE,
    CREATE_VIEW,
    CREATE_MATERIALIZED_VIEW,
    /** CREATE FUNCTION, PROCEDURE or AGGREGATE. */
    CREATE_FUNCTION,
    CREATE_EXTENSION,
    /** CREATE [UNIQUE] INDEX ({@link StatementClass#unique()} tells which). */
    CREATE_INDEX,
    CREATE_TRIGGER,
    CREATE_RULE,
    CREATE_POLICY,
    /** ALTER TABLE … ADD [CONSTRAINT name] PRIMARY KEY. */
    ADD_PRIMARY_KEY,
    /** ALTER TABLE … ADD [CONSTRAINT name] UNIQUE. */
    ADD_UNIQUE,
    /** ALTER TABLE … ADD [CONSTRAINT name] FOREIGN KEY. */
    ADD_FOREIGN_KEY,
    /** ALTER TABLE … ADD [CONSTRAINT name] CHECK. */
    ADD_CHECK,
    /** ALTER TABLE … ADD [CONSTRAINT name] EXCLUDE. */
    ADD_EXCLUDE,
    /** ALTER TABLE … ENABLE (ROW LEVEL SECURITY, TRIGGER, RULE, …). */
    ENABLE,
    /** ALTER TABLE parent ATTACH PARTITION child …: the table is the parent, the object name the child. */
    ATTACH_PARTITION,
    /** ALTER INDEX parent ATTACH PARTITION child: the object name is the child index. */
    ATTACH_PARTITION_INDEX,
    /** Any other ALTER TABLE (column defaults, REPLICA IDENTITY, CLUSTER ON, …). */
    ALTER_TABLE,
    /** ALTER … OWNER TO. */
    OWNER,
    COMMENT,
    GRANT,
    REVOKE,
    /** ALTER DEFAULT PRIVILEGES. */
    DEFAULT_PRIVILEGES,
    REFRESH_MATERIALIZED_VIEW,
    /** SELECT pg_catalog.setval(…): the table is the sequence. */
    SETVAL,
    /** SELECT pg_catalog.lo_create/lo_open/lowrite/lo_close/…, ALTER LARGE OBJECT is OWNER. */
    LARGE_OBJECT,
    /** SELECT pg_catalog.pg_restore_relation_stats/pg_restore_attribute_stats/… (pg_dump 18). */
    RESTORE_STATISTICS,
    COPY,
    /** INSERT INTO (dumps made with --inserts). */
    INSERT,
    DROP,
    /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK. */
    TRANSACTION,
    OTHER
}
