package io.pgbarge.conn;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * libpq's target_session_attrs and the pgjdbc targetServerType closest to each. pgjdbc decides
 * "primary" by {@code SHOW transaction_read_only}, which is exactly libpq's read-write test and
 * stands in for libpq's pg_is_in_recovery() test of primary/standby.
 */
public enum TargetSessionAttrs {
    ANY("any", "any"),
    READ_WRITE("read-write", "primary"),
    READ_ONLY("read-only", "secondary"),
    PRIMARY("primary", "primary"),
    STANDBY("standby", "secondary"),
    PREFER_STANDBY("prefer-standby", "preferSecondary");

    private final String libpqName;
    private final String pgjdbcTargetServerType;

    TargetSessionAttrs(String libpqName, String pgjdbcTargetServerType) {
        this.libpqName = libpqName;
        this.pgjdbcTargetServerType = pgjdbcTargetServerType;
    }

    public String libpqName() {
        return libpqName;
    }

    public String pgjdbcTargetServerType() {
        return pgjdbcTargetServerType;
    }

    static TargetSessionAttrs byName(String name) {
        for (TargetSessionAttrs t : values()) {
            if (t.libpqName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    static String names() {
        return Arrays.stream(values()).map(TargetSessionAttrs::libpqName).collect(Collectors.joining(", "));
    }
}
