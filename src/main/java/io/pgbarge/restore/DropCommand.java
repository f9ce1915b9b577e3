package io.pgbarge.restore;

import io.pgbarge.archive.TocEntry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An entry's drop statement for --clean, made safe to run when the object is absent, as pg_restore's
 * --if-exists does: {@code DROP TABLE public.t} becomes {@code DROP TABLE IF EXISTS public.t},
 * {@code ALTER TABLE ONLY t DROP CONSTRAINT c} becomes
 * {@code ALTER TABLE IF EXISTS ONLY t DROP CONSTRAINT IF EXISTS c}, and a large object is unlinked only
 * when it exists.
 */
final class DropCommand {
    /** Object kinds are upper-case keywords; names are lower case, quoted or qualified. */
    private static final Pattern KEYWORD = Pattern.compile("[A-Z]+");
    private static final Pattern LO_UNLINK = Pattern.compile("lo_unlink\\('?(\\d+)'?\\)");
    private static final Pattern DROP_PART = Pattern.compile(" DROP (CONSTRAINT|COLUMN) (?!IF EXISTS )");

    private DropCommand() {
    }

    /** The statement (without its semicolon), or null when the entry has none. */
    static String of(TocEntry e) {
        String drop = e.dropStmt();
        if (drop == null || drop.isBlank()) {
            return null;
        }
        drop = drop.strip();
        while (drop.endsWith(";")) {
            drop = drop.substring(0, drop.length() - 1).strip();
        }
        return ifExists(drop);
    }

    static String ifExists(String drop) {
        if (drop.contains(" IF EXISTS ")) {
            return drop;
        }
        Matcher lo = LO_UNLINK.matcher(drop);
        if (drop.startsWith("SELECT") && lo.find()) {
            return "SELECT pg_catalog.lo_unlink(oid) FROM pg_catalog.pg_largeobject_metadata WHERE oid = '"
                    + lo.group(1) + "'";
        }
        if (drop.startsWith("ALTER ")) {
            // ALTER TABLE [ONLY] name DROP CONSTRAINT c, ALTER TABLE name ALTER COLUMN c DROP DEFAULT, …
            int at = afterKeywords(drop, 6);
            String out = drop.substring(0, at) + "IF EXISTS " + drop.substring(at);
            return DROP_PART.matcher(out).replaceFirst(" DROP $1 IF EXISTS ");
        }
        if (drop.startsWith("DROP ")) {
            int at = afterKeywords(drop, 5);
            return drop.substring(0, at) + "IF EXISTS " + drop.substring(at);
        }
        return drop;
    }

    /** The index after the upper-case keywords that start at {@code from}, and the space after them. */
    private static int afterKeywords(String s, int from) {
        int i = from;
        while (true) {
            int space = s.indexOf(' ', i);
            if (space < 0) {
                return i;
            }
            String word = s.substring(i, space);
            if (!KEYWORD.matcher(word).matches() || word.equals("ONLY")) {
                return i;
            }
            i = space + 1;
        }
    }
}
