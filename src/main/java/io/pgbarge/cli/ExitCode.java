package io.pgbarge.cli;

/** pgbarge's exit codes, one per class of failure (the README has the table). */
public final class ExitCode {
    public static final int OK = 0;
    /** an unexpected internal error (a bug): run with -v and report it */
    public static final int INTERNAL = 1;
    /** invalid flags, arguments or connection strings */
    public static final int USAGE = 2;
    /** a server could not be reached or refused the login */
    public static final int CONNECTION = 3;
    /** the target already holds objects the copy would create (use --clean) */
    public static final int TARGET_NOT_EMPTY = 4;
    /** a server refused a statement or a copy during the run */
    public static final int RUN_FAILED = 5;
    /** differences found: verify, copy --verify, restore --verify, or row counts differing after a copy */
    public static final int MISMATCH = 6;
    /** `check` found blockers: the copy would refuse to start without --force */
    public static final int BLOCKERS = 7;
    /** an input file is not what it should be: not an archive or a SQL script, truncated or corrupt */
    public static final int BAD_INPUT = 8;
    /** interrupted (Ctrl-C) */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
