package io.pgbarge.ddl;

/** pg_dump's three sections: objects before the data, the data, and what is built on the data. */
public enum Section {
    PRE_DATA, DATA, POST_DATA
}
