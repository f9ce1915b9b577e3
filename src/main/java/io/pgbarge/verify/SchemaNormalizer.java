package io.pgbarge.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites generated SQL (and object names) so that what legitimately differs between two servers of
 * different major versions compares equal. Each rule applies only when the two versions fall on both
 * sides of the release that changed the behaviour, and says why it is safe; everything else is
 * compared literally.
 */
final class SchemaNormalizer {
    private final int minMajor;
    private final int maxMajor;
    private final Set<String> schemaNames;

    /** @param schemaNames the schemas of both databases (and pg_catalog): qualifiers that are kept in view text */
    SchemaNormalizer(int sourceMajor, int targetMajor, Set<String> schemaNames) {
        this.minMajor = Math.min(sourceMajor, targetMajor);
        this.maxMajor = Math.max(sourceMajor, targetMajor);
        this.schemaNames = Set.copyOf(schemaNames);
    }

    /** One server is before {@code major}, the other {@code major} or later. */
    private boolean straddles(int major) {
        return minMajor < major && maxMajor >= major;
    }

    /** The name to key an object by. */
    String name(String name) {
        return straddles(14) ? withoutInMode(name) : name;
    }

    /** The SQL to compare, or null to leave the statement out. */
    String sql(String kind, String name, String sql) {
        String s = sql;
        if (straddles(14) && name.indexOf('(') >= 0) {
            s = routineHeader(kind, s);
        }
        if (kind.equals("DOMAIN") && straddles(17)) {
            s = domainNotNull(s);
        }
        if ((kind.equals("TABLE") || kind.equals("FOREIGN TABLE")) && straddles(18)) {
            s = columnNotNullNames(s);
        }
        if (VIEW_KINDS.contains(kind)) {
            s = viewText(s);
        }
        return s;
    }

    // --------------------------------------------------------------------------------------------------
    // PostgreSQL 14: argument modes of procedures
    // --------------------------------------------------------------------------------------------------

    private static final Pattern IN_MODE = Pattern.compile("([(,]\\s*)IN\\s+");

    /**
     * PostgreSQL 14 gave procedures OUT arguments, and since then pg_get_function_identity_arguments and
     * pg_get_functiondef spell out the IN mode of a procedure's other arguments ("(IN a integer, INOUT b
     * integer)" where 13 printed "(a integer, INOUT b integer)"). IN is the default mode, so dropping it
     * changes nothing. ("INOUT" does not match: IN must be followed by white space.)
     */
    static String withoutInMode(String s) {
        return IN_MODE.matcher(s).replaceAll("$1");
    }

    /**
     * The IN rule on a statement's SQL, only where the signature is: the first line of CREATE FUNCTION /
     * PROCEDURE (the body after it is the user's text and is compared as written), and a COMMENT's
     * object, not its text.
     */
    private static String routineHeader(String kind, String sql) {
        int end = sql.indexOf('\n');
        if (kind.equals("COMMENT")) {
            int is = sql.indexOf(" IS ");
            end = is < 0 ? end : is;
        }
        if (end < 0) {
            end = sql.length();
        }
        return withoutInMode(sql.substring(0, end)) + sql.substring(end);
    }

    // --------------------------------------------------------------------------------------------------
    // PostgreSQL 17: a domain's NOT NULL is a named constraint
    // --------------------------------------------------------------------------------------------------

    private static final String CONSTRAINT_SEPARATOR = "\n    CONSTRAINT ";
    private static final Pattern NAMED_NOT_NULL = Pattern.compile("(?s)(\"(?:[^\"]|\"\")*\"|\\S+) NOT NULL");

    /**
     * PostgreSQL 17 keeps a domain's NOT NULL as a constraint with a name ({@code domain_not_null}), which
     * the generator writes as {@code CONSTRAINT d_not_null NOT NULL} among the checks; before 17 it is
     * just NOT NULL after the default. Both mean the same domain. The named form is turned into the bare
     * one (the constraints are listed in name order, so they are sorted again after).
     */
    private static String domainNotNull(String sql) {
        String[] parts = sql.split(Pattern.quote(CONSTRAINT_SEPARATOR), -1);
        String head = parts[0];
        boolean notNull = false;
        if (head.endsWith(" NOT NULL")) {
            head = head.substring(0, head.length() - " NOT NULL".length());
            notNull = true;
        }
        List<String> constraints = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (NAMED_NOT_NULL.matcher(parts[i]).matches()) {
                notNull = true;
            } else {
                constraints.add(parts[i]);
            }
        }
        constraints.sort(null);
        StringBuilder b = new StringBuilder(head);
        if (notNull) {
            b.append(" NOT NULL");
        }
        for (String c : constraints) {
            b.append(CONSTRAINT_SEPARATOR).append(c);
        }
        return b.toString();
    }

    // --------------------------------------------------------------------------------------------------
    // PostgreSQL 18: a column's NOT NULL is a named constraint
    // --------------------------------------------------------------------------------------------------

    private static final Pattern COLUMN_NOT_NULL_NAME = Pattern.compile(
            "CONSTRAINT (\"(?:[^\"]|\"\")*\"|[\\p{L}_][\\p{L}\\p{N}_$]*) NOT NULL");

    /**
     * PostgreSQL 18 records a column's NOT NULL in pg_constraint with a name ({@code t_col_not_null}),
     * which the generator writes as {@code col integer CONSTRAINT t_col_not_null NOT NULL}; before 18 a
     * NOT NULL has no name. When one server is 18 or later and the other is not, the names cannot
     * match and carry no meaning for the older one, so they are dropped on both sides (a CHECK
     * constraint's name is followed by CHECK, so it is kept).
     */
    static String columnNotNullNames(String sql) {
        return COLUMN_NOT_NULL_NAME.matcher(sql).replaceAll("NOT NULL");
    }

    // --------------------------------------------------------------------------------------------------
    // Deparsed queries: views, materialized views, rules
    // --------------------------------------------------------------------------------------------------

    /** Kinds whose SQL embeds a query deparsed by pg_get_viewdef / pg_get_ruledef. */
    static final Set<String> VIEW_KINDS = Set.of("VIEW", "MATERIALIZED VIEW", "VIEW DEFINITION", "RULE");

    /** An identifier followed by a dot, not itself preceded by a dot, an identifier character or a quote. */
    private static final Pattern QUALIFIER = Pattern.compile(
            "(?<![\\p{L}\\p{N}_$.\"'])(\"(?:[^\"]|\"\")*\"|[\\p{L}_][\\p{L}\\p{N}_$]*)\\.(?=[\\p{L}_\"*])");

    /**
     * <ul>
     *   <li>The layout of a deparsed query (indentation, line breaks) is not part of its meaning and
     *       changes between major versions: runs of white space become one space.</li>
     *   <li>PostgreSQL 16 stopped qualifying column references with their relation's name when the
     *       query reads only one relation ("SELECT sku FROM app.products" where 15 printed "SELECT
     *       products.sku FROM app.products"). When one server is before 16 and the other 16 or later,
     *       every "name." that is not a schema name is removed on both sides; schema qualifiers of
     *       relations, functions and types stay.</li>
     * </ul>
     */
    String viewText(String sql) {
        String d = sql.replaceAll("\\s+", " ").trim();
        if (!straddles(16)) {
            return d;
        }
        Matcher m = QUALIFIER.matcher(d);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String q = m.group(1);
            String bare = q.startsWith("\"") ? q.substring(1, q.length() - 1).replace("\"\"", "\"") : q;
            m.appendReplacement(sb, Matcher.quoteReplacement(schemaNames.contains(bare) ? m.group() : ""));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
