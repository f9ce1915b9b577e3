package io.pgbarge.script;

import java.io.InputStream;

/**
 * A {@code COPY … FROM stdin} statement with the data lines that follow it in the script, up to the
 * {@code \.} line.
 *
 * <p>{@code rows} streams the data: the COPY text lines as they are in the script, each with its line
 * ending, without the terminator line. They are UTF-8 (converted from the script's client encoding when
 * that is another one), except under {@code SQL_ASCII}, where the bytes are passed through unchanged.
 * That suits pgjdbc, whose connections always use client_encoding UTF8:
 * {@code copyManager.copyIn(block.copyStatement(), block.rows())}.
 *
 * <p>The stream reads straight from the script: read it to its end (or close it) before asking the
 * reader for the next item; the reader skips whatever is left when it is not.
 *
 * @param copyStatement the COPY statement, as in {@link ScriptStatement#sql()}
 * @param rows          the data lines
 * @param line          the 1-based line of the COPY statement
 */
public record CopyBlock(String copyStatement, InputStream rows, long line) implements ScriptItem {
}
