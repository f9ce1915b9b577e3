package io.pgbarge.conn;

import java.util.Arrays;
import java.util.stream.Collectors;

/** libpq's sslmode values, in increasing order of protection. */
public enum SslMode {
    DISABLE("disable"),
    ALLOW("allow"),
    PREFER("prefer"),
    REQUIRE("require"),
    VERIFY_CA("verify-ca"),
    VERIFY_FULL("verify-full");

    private final String libpqName;

    SslMode(String libpqName) {
        this.libpqName = libpqName;
    }

    public String libpqName() {
        return libpqName;
    }

    public boolean verifiesCertificate() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    /** The mode of that libpq name, or null when there is none. */
    static SslMode byName(String name) {
        for (SslMode m : values()) {
            if (m.libpqName.equals(name)) {
                return m;
            }
        }
        return null;
    }

    static String names() {
        return Arrays.stream(values()).map(SslMode::libpqName).collect(Collectors.joining(", "));
    }
}
