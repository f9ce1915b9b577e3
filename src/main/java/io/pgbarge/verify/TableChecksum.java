package io.pgbarge.verify;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A relation's row count and content checksum, computed by the server in one scan: no row leaves it.
 *
 * <pre>
 * SELECT count(*),
 *        coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::bigint), 0),
 *        coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::bigint), 0)
 * FROM (SELECT md5(convert_to(ROW(r.a, r.b, …)::text, 'UTF8')) AS h FROM ONLY s.t r) hashed
 * </pre>
 *
 * <p><b>Order-independent</b>: each row is hashed on its own and the hashes are added up, and a sum
 * does not depend on the order of its terms (nor on how a parallel scan splits the rows): two
 * servers that hold the same rows in different physical orders get the same sums. Unlike XOR, a sum
 * counts duplicates — two equal rows do not cancel out. The sums are exact (sum of bigint is numeric),
 * so nothing overflows; the two 64-bit halves of the MD5 give a 128-bit checksum, and the row count
 * is compared beside it.
 *
 * <p><b>Version-stable</b>: the hashed text is the row's text output, which for every built-in type
 * is the same on 13–18 under the settings of {@link VerifySession} (floats shortest-exact, ISO dates,
 * UTC, hex bytea, C money). It is converted to UTF-8 before hashing, so that servers in different
 * encodings hash the same characters alike. The columns are named explicitly (the source's copied
 * columns, in the source's order), so a target whose columns are in another physical order, or have
 * dropped-column gaps, still builds the same row text. md5, convert_to, bit(64)::bigint and
 * sum(bigint) behave the same on every supported version.
 */
final class TableChecksum {
    private TableChecksum() {
    }

    /** @param rows the row count; @param checksum 32 hex digits: both 64-bit sums modulo 2^64 */
    record Result(long rows, String checksum) {
    }

    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(64);

    /**
     * @param relation the quoted, qualified relation
     * @param only     scan only this relation's own rows (tables: partitions and inheritance children are
     *                 verified on their own); false for materialized views
     * @param columns  quoted column names; null for every column of the relation ({@code r.*})
     */
    static String query(String relation, boolean only, List<String> columns) {
        String row = columns == null ? "r.*"
                : columns.stream().map(c -> "r." + c).collect(Collectors.joining(", "));
        return "SELECT pg_catalog.count(*),"
                + " coalesce(pg_catalog.sum(('x' OPERATOR(pg_catalog.||) pg_catalog.substr(h, 1, 16))::pg_catalog.bit(64)::pg_catalog.int8), 0),"
                + " coalesce(pg_catalog.sum(('x' OPERATOR(pg_catalog.||) pg_catalog.substr(h, 17, 16))::pg_catalog.bit(64)::pg_catalog.int8), 0)"
                + " FROM (SELECT pg_catalog.md5(pg_catalog.convert_to(ROW(" + row + ")::pg_catalog.text, 'UTF8')) AS h"
                + " FROM " + (only ? "ONLY " : "") + relation + " r) AS hashed";
    }

    static Result compute(Connection c, String relation, boolean only, List<String> columns) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query(relation, only, columns))) {
            rs.next();
            long n = rs.getLong(1);
            String hi = hex64(rs.getBigDecimal(2).toBigIntegerExact());
            String lo = hex64(rs.getBigDecimal(3).toBigIntegerExact());
            return new Result(n, hi + lo);
        }
    }

    private static String hex64(BigInteger sum) {
        String h = sum.mod(MOD).toString(16);
        return "0".repeat(16 - h.length()) + h;
    }
}
