package io.pgbarge.script;

/**
 * One thing a SQL script asks for, in order: a SQL statement, a COPY with its data, or a psql
 * meta-command. {@link #line()} is the 1-based line where it starts, for messages.
 */
public sealed interface ScriptItem permits ScriptStatement, CopyBlock, MetaCommand {

    /** The 1-based line of the script where this item starts. */
    long line();
}
