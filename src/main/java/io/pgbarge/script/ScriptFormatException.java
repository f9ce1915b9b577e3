package io.pgbarge.script;

import java.io.IOException;

/**
 * A SQL script that cannot be read as psql would read it: it ends inside a quoted string, comment,
 * dollar quote or COPY block, it has bytes that are not valid in its client encoding, or a meta-command
 * that may not appear where it does. The message names the line; {@link #line()} gives it too.
 */
public class ScriptFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long line;

    public ScriptFormatException(long line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public ScriptFormatException(long line, String message, Throwable cause) {
        super("line " + line + ": " + message, cause);
        this.line = line;
    }

    /** The 1-based line of the script the problem is about (where the unterminated construct began). */
    public long line() {
        return line;
    }
}
