package io.pgbarge.exec;

/** A step of the run failed on a server; carries which step, which server, the SQL and the server's error. */
public final class StepFailedException extends Exception {
    private final String step;
    private final String server;
    private final String sql;
    private final PgError error;

    public StepFailedException(String step, String server, String sql, Throwable cause) {
        super(step + " failed on the " + server + ": " + PgError.of(cause).message(), cause);
        this.step = step;
        this.server = server;
        this.sql = sql;
        this.error = PgError.of(cause);
    }

    public String step() {
        return step;
    }

    public String server() {
        return server;
    }

    public String sql() {
        return sql;
    }

    public PgError error() {
        return error;
    }

    /** The session was lost (a dropped connection, a killed backend, a server going away), not the step refused. */
    public boolean connectionLost() {
        return !"archive".equals(server) && PgError.connectionLost(getCause());
    }

    /** The operator's view: what failed, where, the statement (shortened), and the server's words. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(step).append(" failed on the ").append(server).append(":\n  ")
                .append(error.render().replace("\n", "\n  "));
        if (sql != null) {
            String s = sql.length() > 400 ? sql.substring(0, 400) + " …" : sql;
            b.append("\n  statement: ").append(s.replace("\n", "\n    "));
        }
        return b.toString();
    }
}
