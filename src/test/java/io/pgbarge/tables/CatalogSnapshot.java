package io.pgbarge.tables;

import io.pgbarge.TestDb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What pg_dump --schema-only would show of the user's tables, as comparable lines: every table (foreign
 * ones too), column, constraint, index, trigger, policy, rule, extended statistics object and security
 * label with its server-side definition, and the foreign-data wrappers, servers and user mappings,
 * named rather than by oid.
 */
final class CatalogSnapshot {
    private CatalogSnapshot() {
    }

    private static final String USER_REL = " n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    static List<String> of(TestDb db) throws SQLException {
        return of(db, false);
    }

    /**
     * @param crossVersion leave out what two major versions make differently by themselves: attcompression
     *                     (14+), NOT NULL constraints (18+), the names of hidden FK clones, and MAINTAIN
     *                     (17+, part of an owner's default privileges)
     */
    static List<String> of(TestDb db, boolean crossVersion) throws SQLException {
        boolean v14 = !crossVersion && db.majorVersion() >= 14;
        String relacl = crossVersion ? "regexp_replace(c.relacl::text, 'm(\\*?)/', '\\1/', 'g')" : "c.relacl::text";
        String attacl = crossVersion ? "regexp_replace(a.attacl::text, 'm(\\*?)/', '\\1/', 'g')" : "a.attacl::text";
        String constraints = crossVersion ? " AND co.contype <> 'n' AND NOT (co.contype = 'f' AND co.conparentid <> 0)" : "";
        List<String> out = new ArrayList<>();
        add(out, "table", db, "SELECT c.oid::regclass::text, c.relkind, c.relpersistence, c.reloptions::text,"
                + " tc.reloptions::text, pg_get_partkeydef(c.oid), pg_get_expr(c.relpartbound, c.oid), c.relispartition,"
                + " (SELECT string_agg(inhparent::regclass::text, ',' ORDER BY inhseqno) FROM pg_inherits WHERE inhrelid = c.oid),"
                + " pg_get_userbyid(c.relowner), " + relacl + ", obj_description(c.oid, 'pg_class'), c.relreplident,"
                + " CASE WHEN c.relkind <> 'p' THEN am.amname END, c.reloftype::regtype,"
                + " c.relrowsecurity, c.relforcerowsecurity, fs.srvname, ft.ftoptions::text"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid LEFT JOIN pg_am am ON am.oid = c.relam"
                + " LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver"
                + " WHERE c.relkind IN ('r', 'p', 'f') AND" + USER_REL);
        add(out, "column", db, "SELECT a.attrelid::regclass::text,"
                + " row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum), a.attname,"
                + " format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attgenerated, a.attidentity,"
                + " CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END,"
                + " a.attislocal, a.attinhcount, pg_get_expr(d.adbin, d.adrelid), a.attstorage = t.typstorage, a.attstorage,"
                + (v14 ? " a.attcompression," : "")
                + " CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END, a.attoptions::text,"
                + " col_description(a.attrelid, a.attnum), " + attacl + ", a.attfdwoptions::text"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND" + USER_REL);
        // A partition made standalone and then attached (pg_dump's way too) keeps connoinherit = true on
        // its PK/UNIQUE constraints and, on 18, conislocal = true on its NOT NULL constraints; pg_dump
        // shows neither, so they are not compared for partitions.
        add(out, "constraint", db, "SELECT co.conrelid::regclass::text, co.conname, co.contype,"
                + " pg_get_constraintdef(co.oid), co.condeferrable, co.condeferred, co.convalidated,"
                + " CASE WHEN c.relispartition AND co.contype = 'n' THEN NULL ELSE co.conislocal END,"
                + " co.coninhcount,"
                + " CASE WHEN c.relispartition AND co.contype IN ('p', 'u', 'x') THEN NULL ELSE co.connoinherit END,"
                + " co.conparentid <> 0, co.conindid::regclass::text,"
                + " obj_description(co.oid, 'pg_constraint')"
                + " FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE" + USER_REL + constraints);
        add(out, "index", db, "SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text,"
                + " pg_get_indexdef(i.indexrelid), i.indisunique, i.indisprimary, i.indimmediate, i.indisclustered,"
                + " i.indisvalid, i.indisreplident,"
                + " (SELECT inhparent::regclass::text FROM pg_inherits WHERE inhrelid = i.indexrelid),"
                + " obj_description(i.indexrelid, 'pg_class')"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'm') AND" + USER_REL);
        // 13 marks a partition's clone of its parent's trigger internal, later versions do not.
        add(out, "trigger", db, "SELECT tg.tgrelid::regclass::text, tg.tgname, pg_get_triggerdef(tg.oid, false),"
                + " tg.tgenabled, tg.tgparentid <> 0, obj_description(tg.oid, 'pg_trigger')"
                + " FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE (NOT tg.tgisinternal OR (tg.tgparentid <> 0 AND tg.tgconstraint = 0)) AND" + USER_REL);
        add(out, "identity sequence", db, "SELECT schemaname || '.' || sequencename, start_value, min_value, max_value,"
                + " increment_by, cycle, cache_size, last_value FROM pg_sequences s"
                + " WHERE EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = (quote_ident(s.schemaname) || '.'"
                + " || quote_ident(s.sequencename))::regclass AND d.deptype = 'i')");
        addSecurityAndRules(out, db);
        addForeignData(out, db);
        out.sort(String::compareTo);
        return out;
    }

    /** Policies, rules (not views' _RETURN), extended statistics and security labels. */
    private static void addSecurityAndRules(List<String> out, TestDb db) throws SQLException {
        add(out, "policy", db, "SELECT p.polrelid::regclass::text, p.polname, p.polpermissive, p.polcmd,"
                + " ARRAY(SELECT rolname FROM pg_roles WHERE oid = ANY(p.polroles) ORDER BY 1)::text, p.polroles = '{0}',"
                + " pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),"
                + " obj_description(p.oid, 'pg_policy') FROM pg_policy p");
        add(out, "rule", db, "SELECT r.ev_class::regclass::text, r.rulename, pg_get_ruledef(r.oid), r.ev_enabled,"
                + " obj_description(r.oid, 'pg_rewrite')"
                + " FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE r.rulename <> '_RETURN' AND" + USER_REL);
        // -1 up to 16 and NULL from 17 both mean "default"
        add(out, "statistics", db, "SELECT n.nspname, s.stxname, s.stxrelid::regclass::text, pg_get_statisticsobjdef(s.oid),"
                + " CASE WHEN s.stxstattarget >= 0 THEN s.stxstattarget::int END, pg_get_userbyid(s.stxowner),"
                + " obj_description(s.oid, 'pg_statistic_ext')"
                + " FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace");
        add(out, "security label", db, "SELECT l.objoid::regclass::text, l.objsubid, l.provider, l.label FROM pg_seclabel l"
                + " WHERE l.classoid = 'pg_class'::regclass");
    }

    /** Foreign-data wrappers (extensions' too: both sides have the same), servers and user mappings. */
    private static void addForeignData(List<String> out, TestDb db) throws SQLException {
        add(out, "fdw", db, "SELECT w.fdwname, pg_get_userbyid(w.fdwowner), w.fdwhandler::regproc::text,"
                + " w.fdwvalidator::regproc::text, w.fdwoptions::text, w.fdwacl::text,"
                + " obj_description(w.oid, 'pg_foreign_data_wrapper') FROM pg_foreign_data_wrapper w");
        add(out, "server", db, "SELECT s.srvname, w.fdwname, s.srvtype, s.srvversion, pg_get_userbyid(s.srvowner),"
                + " s.srvoptions::text, s.srvacl::text, obj_description(s.oid, 'pg_foreign_server')"
                + " FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw");
        add(out, "user mapping", db, "SELECT srvname, usename, umoptions::text FROM pg_user_mappings");
    }

    /** Runs with an empty search_path, so that every name comes back schema-qualified. */
    private static void add(List<String> out, String what, TestDb db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            try (ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder(what);
                    for (int i = 1; i <= n; i++) {
                        String v = rs.getString(i);
                        sb.append(i == 1 ? " " : " | ").append(v == null ? "∅" : v);
                    }
                    out.add(sb.toString());
                }
            }
        }
    }
}
