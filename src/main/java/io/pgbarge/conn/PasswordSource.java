package io.pgbarge.conn;

/** Where a connection's password came from, so that an authentication failure can say what to fix. */
public enum PasswordSource {
    NONE("no password was given"),
    CONNECTION_STRING("the password in the connection string"),
    PGPASSWORD("the password in PGPASSWORD"),
    PASSWORD_FILE("the password from the password file");

    private final String description;

    PasswordSource(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
