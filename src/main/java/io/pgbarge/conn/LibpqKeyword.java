package io.pgbarge.conn;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every libpq connection keyword (PostgreSQL 18), its environment variable, and what pgbarge does
 * with it. A keyword pgjdbc cannot honour is refused rather than dropped, so that a setting the user
 * relies on (a CRL, a service file) never silently stops applying; the ignored ones only tune things
 * pgjdbc does its own way and change neither security nor the server reached.
 */
enum LibpqKeyword {
    HOST("host", "PGHOST"),
    HOSTADDR("hostaddr", "PGHOSTADDR"),
    PORT("port", "PGPORT"),
    DBNAME("dbname", "PGDATABASE"),
    USER("user", "PGUSER"),
    PASSWORD("password", "PGPASSWORD"),
    PASSFILE("passfile", "PGPASSFILE"),
    REQUIRE_AUTH("require_auth", "PGREQUIREAUTH"),
    CHANNEL_BINDING("channel_binding", "PGCHANNELBINDING"),
    CONNECT_TIMEOUT("connect_timeout", "PGCONNECT_TIMEOUT"),
    CLIENT_ENCODING("client_encoding", "PGCLIENTENCODING"),
    OPTIONS("options", "PGOPTIONS"),
    APPLICATION_NAME("application_name", "PGAPPNAME"),
    FALLBACK_APPLICATION_NAME("fallback_application_name", null),
    KEEPALIVES("keepalives", null),
    KEEPALIVES_IDLE("keepalives_idle", null, Handling.IGNORED, null),
    KEEPALIVES_INTERVAL("keepalives_interval", null, Handling.IGNORED, null),
    KEEPALIVES_COUNT("keepalives_count", null, Handling.IGNORED, null),
    TCP_USER_TIMEOUT("tcp_user_timeout", null, Handling.IGNORED, null),
    GSSENCMODE("gssencmode", "PGGSSENCMODE"),
    GSSLIB("gsslib", "PGGSSLIB", Handling.IGNORED, null),
    GSSDELEGATION("gssdelegation", "PGGSSDELEGATION", Handling.IGNORED, null),
    KRBSRVNAME("krbsrvname", "PGKRBSRVNAME"),
    SSLMODE("sslmode", "PGSSLMODE"),
    SSLNEGOTIATION("sslnegotiation", "PGSSLNEGOTIATION"),
    SSLCOMPRESSION("sslcompression", "PGSSLCOMPRESSION", Handling.IGNORED, null),
    SSLCERT("sslcert", "PGSSLCERT"),
    SSLKEY("sslkey", "PGSSLKEY"),
    SSLPASSWORD("sslpassword", null),
    SSLCERTMODE("sslcertmode", "PGSSLCERTMODE"),
    SSLROOTCERT("sslrootcert", "PGSSLROOTCERT"),
    SSLSNI("sslsni", "PGSSLSNI"),
    SSLKEYLOGFILE("sslkeylogfile", null, Handling.IGNORED, null),
    SSL_MIN_PROTOCOL_VERSION("ssl_min_protocol_version", "PGSSLMINPROTOCOLVERSION"),
    REQUIREPEER("requirepeer", "PGREQUIREPEER", Handling.IGNORED, null),
    TARGET_SESSION_ATTRS("target_session_attrs", "PGTARGETSESSIONATTRS"),
    LOAD_BALANCE_HOSTS("load_balance_hosts", "PGLOADBALANCEHOSTS"),
    MIN_PROTOCOL_VERSION("min_protocol_version", "PGMINPROTOCOLVERSION"),
    MAX_PROTOCOL_VERSION("max_protocol_version", "PGMAXPROTOCOLVERSION"),
    SSLCRL("sslcrl", "PGSSLCRL", Handling.REJECTED,
            "certificate revocation lists are not supported by pgjdbc"),
    SSLCRLDIR("sslcrldir", "PGSSLCRLDIR", Handling.REJECTED,
            "certificate revocation lists are not supported by pgjdbc"),
    SSL_MAX_PROTOCOL_VERSION("ssl_max_protocol_version", "PGSSLMAXPROTOCOLVERSION", Handling.REJECTED,
            "pgjdbc cannot cap the TLS version"),
    SERVICE("service", "PGSERVICE", Handling.REJECTED,
            "service files (pg_service.conf) are not read; give host, port, dbname and user instead"),
    REPLICATION("replication", null, Handling.REJECTED,
            "pgbarge opens ordinary sessions, not replication connections"),
    OAUTH_ISSUER("oauth_issuer", null, Handling.REJECTED, "OAuth authentication is not supported by pgjdbc"),
    OAUTH_CLIENT_ID("oauth_client_id", null, Handling.REJECTED, "OAuth authentication is not supported by pgjdbc"),
    OAUTH_CLIENT_SECRET("oauth_client_secret", null, Handling.REJECTED,
            "OAuth authentication is not supported by pgjdbc"),
    OAUTH_SCOPE("oauth_scope", null, Handling.REJECTED, "OAuth authentication is not supported by pgjdbc"),
    SCRAM_CLIENT_KEY("scram_client_key", null, Handling.REJECTED, "SCRAM pass-through keys are not supported by pgjdbc"),
    SCRAM_SERVER_KEY("scram_server_key", null, Handling.REJECTED, "SCRAM pass-through keys are not supported by pgjdbc");

    enum Handling { USED, IGNORED, REJECTED }

    private static final Map<String, LibpqKeyword> BY_NAME = new HashMap<>();
    /** Names people carry over from JDBC URLs and other drivers, and the libpq way to say them. */
    private static final Map<String, String> HINTS = Map.of(
            "applicationname", "application_name",
            "connecttimeout", "connect_timeout",
            "targetservertype", "target_session_attrs",
            "currentschema", "options=-c search_path=...",
            "database", "dbname",
            "username", "user",
            "ssl", "sslmode=require",
            "channelbinding", "channel_binding",
            "sslfactory", "sslmode and sslrootcert");

    static {
        for (LibpqKeyword k : values()) {
            BY_NAME.put(k.libpqName, k);
        }
    }

    final String libpqName;
    final String envVar;
    final Handling handling;
    final String reason;

    LibpqKeyword(String libpqName, String envVar) {
        this(libpqName, envVar, Handling.USED, null);
    }

    LibpqKeyword(String libpqName, String envVar, Handling handling, String reason) {
        this.libpqName = libpqName;
        this.envVar = envVar;
        this.handling = handling;
        this.reason = reason;
    }

    /** The keyword of that name; libpq spells them in lower case, and so is any case accepted here. */
    static LibpqKeyword byName(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** " (did you mean ...?)" for a name that is not libpq's but whose meaning is known, else "". */
    static String hintFor(String unknownName) {
        String hint = HINTS.get(unknownName.toLowerCase(Locale.ROOT));
        return hint == null ? "" : " (did you mean " + hint + "?)";
    }

    boolean isSecret() {
        return this == PASSWORD || this == SSLPASSWORD || this == OAUTH_CLIENT_SECRET;
    }
}
