package io.pgbarge.restore;

import io.pgbarge.archive.Archive;
import io.pgbarge.verify.LineChecksum;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.LongConsumer;

/**
 * Streams one TABLE DATA entry from the archive into {@code COPY … FROM STDIN} on the target, in one
 * transaction: a table whose data cannot be read to its end (a truncated or corrupt archive) keeps
 * none of it. A table created in this run is truncated first and loaded with FREEZE.
 */
final class TableDataLoader {
    private TableDataLoader() {
    }

    /**
     * @param ownTransaction false inside --single-transaction: the caller commits
     * @param bytesRead      told of the bytes of COPY text sent, as they go
     * @return the rows the server stored
     * @throws IOException when the archive could not be read to the end of the entry's data (an
     *                     {@link io.pgbarge.archive.ArchiveFormatException}); the transaction is rolled back
     */
    static long load(Connection c, Archive archive, TableDataLoad load, boolean ownTransaction, LongConsumer bytesRead)
            throws SQLException, IOException {
        return load(c, archive, load, ownTransaction, bytesRead, null);
    }

    /** @param lines when not null, fed every line of the entry's data as it streams (restore --verify) */
    static long load(Connection c, Archive archive, TableDataLoad load, boolean ownTransaction, LongConsumer bytesRead,
                     LineChecksum lines) throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        if (ownTransaction) {
            c.setAutoCommit(false);
        }
        try {
            long rows = copy(c, archive, load, false, bytesRead, lines);
            if (ownTransaction) {
                c.commit();
            }
            return rows;
        } catch (SQLException | IOException | RuntimeException e) {
            if (ownTransaction) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        } finally {
            if (ownTransaction) {
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // the session is dropped after a failure
                }
            }
        }
    }

    /**
     * The COPY alone, in the caller's transaction. A table created by this restore is emptied first
     * (a retry, or a table that held rows) and loaded with FREEZE, as its TRUNCATE makes it new in the
     * transaction; one created in this very transaction ({@code createdHere}) is empty and new already.
     */
    static long copy(Connection c, Archive archive, TableDataLoad load, boolean createdHere, LongConsumer bytesRead,
                     LineChecksum lines) throws SQLException, IOException {
        String copy = Definitions.trim(load.entry().copyStmt());
        boolean freeze = createdHere
                || load.truncate() && ordinaryTable(c, load.entry().namespace(), load.entry().tag());
        if (freeze) {
            copy = copy + " WITH (FREEZE)";
        }
        if (load.truncate() && !createdHere) {
            try (var st = c.createStatement()) {
                st.execute("TRUNCATE ONLY " + relation(load));
            }
        }
        long rows;
        CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
        try (InputStream raw = archive.openCopyData(load.entry());
             InputStream in = lines == null ? new Counting(raw, bytesRead)
                     : lines.watch(new Counting(raw, bytesRead))) {
            if (archive.charset() == null || archive.charset().equals(StandardCharsets.UTF_8)) {
                rows = cm.copyIn(copy, in, 64 * 1024);
            } else {
                // pgjdbc sessions are UTF8: convert from the archive's encoding
                rows = cm.copyIn(copy, new InputStreamReader(in, archive.charset()), 64 * 1024);
            }
        }
        if (lines != null) {
            lines.finish();
        }
        return rows;
    }

    /** The relation COPY names: the text between COPY and the column list or FROM. */
    static String relation(TableDataLoad load) {
        return relation(Definitions.trim(load.entry().copyStmt()));
    }

    /** The relation of a {@code COPY rel [(cols)] FROM stdin} statement. */
    static String relation(String copy) {
        String rest = copy.substring(copy.indexOf(' ') + 1);
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < rest.length(); i++) {
            char ch = rest.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == ' ' || ch == '(')) {
                break;
            }
            b.append(ch);
        }
        return b.toString();
    }

    /** The column list of the entry's COPY statement, without its parentheses; "" when it has none. */
    static String columns(TableDataLoad load) {
        return columns(Definitions.trim(load.entry().copyStmt()));
    }

    /** The column list of a {@code COPY rel (cols) FROM stdin} statement, without parentheses; "" when none. */
    static String columns(String copy) {
        int from = copy.indexOf(' ') + 1 + relation(copy).length();
        int open = copy.indexOf('(', from);
        int fromWord = copy.toUpperCase(java.util.Locale.ROOT).indexOf(" FROM ", from);
        if (open < 0 || (fromWord >= 0 && open > fromWord)) {
            return "";
        }
        boolean quoted = false;
        for (int i = open + 1; i < copy.length(); i++) {
            char ch = copy.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == ')') {
                return copy.substring(open + 1, i).trim();
            }
        }
        return "";
    }

    /** COPY FREEZE is refused for partitioned tables (a dump made with --load-via-partition-root). */
    private static boolean ordinaryTable(Connection c, String schema, String table) throws SQLException {
        try (var ps = c.prepareStatement("SELECT c.relkind FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, schema == null ? "public" : schema);
            ps.setString(2, table);
            try (var rs = ps.executeQuery()) {
                return rs.next() && "r".equals(rs.getString(1));
            }
        }
    }

    /** Counts the bytes read. */
    private static final class Counting extends FilterInputStream {
        private final LongConsumer counter;

        Counting(InputStream in, LongConsumer counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                counter.accept(n);
            }
            return n;
        }
    }
}
