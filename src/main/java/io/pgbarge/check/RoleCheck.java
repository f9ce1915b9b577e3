package io.pgbarge.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The roles the source's objects name (owners, grantees of ACLs, default privileges, policies, user
 * mappings, per-database role settings) against the roles of the target. A missing role is adapted:
 * its objects are owned by the target login and its grants left out. Roles internal to managed
 * services are never created nor referenced.
 */
public final class RoleCheck implements Check {
    /** Roles of managed services: administrative, present only on that service, never to be created. */
    public static final Set<String> PROVIDER_ROLES = Set.of(
            "rdsadmin", "rds_superuser", "rds_replication", "rds_password", "rds_iam", "rds_ad", "rdstopmgr",
            "rds_extension", "rdsrepladmin",
            "cloudsqlsuperuser", "cloudsqladmin", "cloudsqlagent", "cloudsqlreplica", "cloudsqlimportexport",
            "cloudsqliamuser", "cloudsqliamserviceaccount", "cloudsqlinactiveuser", "cloudsqllogical",
            "alloydbsuperuser", "alloydbadmin", "alloydbreplica", "alloydbmetadata",
            "azure_pg_admin", "azuresu", "azure_superuser", "replication",
            "cloud_admin", "neon_superuser", "neon_service",
            "supabase_admin", "supabase_auth_admin", "supabase_storage_admin", "supabase_functions_admin",
            "supabase_realtime_admin", "supabase_replication_admin", "supabase_read_only_user", "dashboard_user",
            "pgbouncer", "authenticator", "pgsodium_keyholder", "pgsodium_keyiduser", "pgsodium_keymaker",
            "aiven_extras", "heroku_admin", "crunchy_superuser", "timescale_admin", "tsdbadmin");

    @Override
    public String topic() {
        return "roles";
    }

    /** What references roles, per catalog: (class, object, sub-object, role, how). */
    private static String references(ServerFacts s) {
        String[][] owned = {
                {"pg_class", "c", "relowner", "relacl", "relnamespace",
                        "c.relkind NOT IN ('i', 'I', 't') AND " + Queries.userObject("pg_class", "c.oid")},
                {"pg_proc", "p", "proowner", "proacl", "pronamespace", Queries.userObject("pg_proc", "p.oid")},
                {"pg_type", "y", "typowner", "typacl", "typnamespace", Queries.userObject("pg_type", "y.oid")
                        + " AND NOT (y.typelem <> 0 AND y.typlen = -1)"
                        + " AND (y.typrelid = 0 OR (SELECT r.relkind FROM pg_catalog.pg_class r WHERE r.oid = y.typrelid) = 'c')"},
                {"pg_collation", "o", "collowner", null, "collnamespace", Queries.userObject("pg_collation", "o.oid")},
                {"pg_conversion", "v", "conowner", null, "connamespace", Queries.userObject("pg_conversion", "v.oid")},
                {"pg_operator", "op", "oprowner", null, "oprnamespace", Queries.userObject("pg_operator", "op.oid")},
                {"pg_opclass", "oc", "opcowner", null, "opcnamespace", Queries.userObject("pg_opclass", "oc.oid")},
                {"pg_opfamily", "of", "opfowner", null, "opfnamespace", Queries.userObject("pg_opfamily", "of.oid")},
                {"pg_ts_dict", "td", "dictowner", null, "dictnamespace", Queries.userObject("pg_ts_dict", "td.oid")},
                {"pg_ts_config", "tc", "cfgowner", null, "cfgnamespace", Queries.userObject("pg_ts_config", "tc.oid")},
                {"pg_statistic_ext", "se", "stxowner", null, "stxnamespace", Queries.userObject("pg_statistic_ext", "se.oid")},
                {"pg_namespace", "n", "nspowner", "nspacl", null, Queries.userObject("pg_namespace", "n.oid")
                        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
                        + " AND n.nspname NOT LIKE 'pg\\_temp\\_%'"},
                {"pg_foreign_data_wrapper", "w", "fdwowner", "fdwacl", null, Queries.userObject("pg_foreign_data_wrapper", "w.oid")},
                {"pg_foreign_server", "fs", "srvowner", "srvacl", null, Queries.userObject("pg_foreign_server", "fs.oid")},
                {"pg_event_trigger", "et", "evtowner", null, null, Queries.userObject("pg_event_trigger", "et.oid")},
                {"pg_publication", "pb", "pubowner", null, null, "true"},
                {"pg_largeobject_metadata", "lo", "lomowner", "lomacl", null, "true"},
                {"pg_language", "l", "lanowner", "lanacl", null, Queries.userObject("pg_language", "l.oid")},
                {"pg_database", "d", "datowner", "datacl", null, "d.datname = current_database()"},
        };
        List<String> parts = new ArrayList<>();
        for (String[] o : owned) {
            String from = " FROM pg_catalog." + o[0] + " " + o[1]
                    + (o[4] == null ? "" : " JOIN pg_catalog.pg_namespace nn ON nn.oid = " + o[1] + "." + o[4]
                    + " AND nn.nspname NOT IN ('pg_catalog', 'information_schema') AND nn.nspname NOT LIKE 'pg\\_toast%'")
                    + " WHERE " + o[5];
            // pg_describe_object knows large objects by pg_largeobject, not by their metadata catalog
            String cls = "'pg_catalog." + (o[0].equals("pg_largeobject_metadata") ? "pg_largeobject" : o[0])
                    + "'::pg_catalog.regclass";
            if (!o[2].equals("datowner")) {
                parts.add("SELECT " + cls + " AS cls, " + o[1] + ".oid AS obj, 0 AS sub, " + o[1] + "." + o[2]
                        + " AS role, 'owner' AS how" + from);
            }
            if (o[3] != null) {
                parts.add("SELECT " + cls + ", " + o[1] + ".oid, 0, a.grantee, 'grant'" + from.replace(" WHERE ",
                        " CROSS JOIN LATERAL pg_catalog.aclexplode(" + o[1] + "." + o[3] + ") a WHERE a.grantee <> 0 AND "));
            }
        }
        // column grants
        parts.add("SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, at.attnum, a.grantee, 'grant'"
                + " FROM pg_catalog.pg_attribute at JOIN pg_catalog.pg_class c ON c.oid = at.attrelid"
                + " JOIN pg_catalog.pg_namespace nn ON nn.oid = c.relnamespace"
                + " CROSS JOIN LATERAL pg_catalog.aclexplode(at.attacl) a"
                + " WHERE a.grantee <> 0 AND at.attacl IS NOT NULL AND " + Queries.userSchema("nn")
                + " AND " + Queries.userObject("pg_class", "c.oid"));
        parts.add("SELECT 'pg_catalog.pg_default_acl'::pg_catalog.regclass, da.oid, 0, da.defaclrole, 'default-owner'"
                + " FROM pg_catalog.pg_default_acl da");
        parts.add("SELECT 'pg_catalog.pg_default_acl'::pg_catalog.regclass, da.oid, 0, a.grantee, 'default'"
                + " FROM pg_catalog.pg_default_acl da CROSS JOIN LATERAL pg_catalog.aclexplode(da.defaclacl) a WHERE a.grantee <> 0");
        parts.add("SELECT 'pg_catalog.pg_policy'::pg_catalog.regclass, po.oid, 0, r.r, 'policy'"
                + " FROM pg_catalog.pg_policy po CROSS JOIN LATERAL pg_catalog.unnest(po.polroles) r(r) WHERE r.r <> 0");
        parts.add("SELECT 'pg_catalog.pg_user_mapping'::pg_catalog.regclass, um.umid, 0, um.umuser, 'mapping'"
                + " FROM pg_catalog.pg_user_mappings um WHERE um.umuser <> 0");
        parts.add("SELECT 'pg_catalog.pg_database'::pg_catalog.regclass, st.setdatabase, 0, st.setrole, 'setting'"
                + " FROM pg_catalog.pg_db_role_setting st WHERE st.setrole <> 0 AND st.setdatabase ="
                + " (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())");
        return String.join(" UNION ALL ", parts);
    }

    record Usage(String role, String how, long count, List<String> examples) {
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        List<Usage> usages = Queries.list(ctx.source(), "SELECT ro.rolname, u.how, count(*),"
                + " (pg_catalog.array_agg(pg_catalog.pg_describe_object(u.cls, u.obj, u.sub) ORDER BY u.obj))[1:5]"
                + " FROM (" + references(ctx.sourceFacts()) + ") u JOIN pg_catalog.pg_roles ro ON ro.oid = u.role"
                + " GROUP BY ro.rolname, u.how ORDER BY 1, 2",
                rs -> new Usage(rs.getString(1), rs.getString(2), rs.getLong(3), examples(rs.getArray(4))));
        Set<String> targetRoles = Queries.stringSet(ctx.target(), "SELECT rolname FROM pg_catalog.pg_roles");
        ServerFacts t = ctx.targetFacts();
        Map<String, List<Usage>> byRole = new TreeMap<>();
        usages.forEach(u -> byRole.computeIfAbsent(u.role(), r -> new ArrayList<>()).add(u));

        List<Finding> out = new ArrayList<>();
        List<String> provider = new ArrayList<>();
        List<String> notSettable = new ArrayList<>();
        for (Map.Entry<String, List<Usage>> e : byRole.entrySet()) {
            String role = e.getKey();
            if (isProviderRole(role)) {
                provider.add(role);
                continue;
            }
            boolean owns = e.getValue().stream().anyMatch(u -> u.how().equals("owner") || u.how().equals("default-owner"));
            if (targetRoles.contains(role)) {
                if (owns && !t.superuser() && !role.equals(t.user()) && !"t".equals(Queries.scalar(ctx.target(),
                        "SELECT pg_catalog.pg_has_role(?, 'MEMBER')", role))) {
                    notSettable.add(role);
                }
                continue;
            }
            out.add(missing(role, e.getValue(), t));
        }
        if (!notSettable.isEmpty()) {
            out.add(Finding.blocker("owner-not-settable", notSettable.stream().map(r -> "role " + r).toList(),
                    "the source's objects are owned by " + Queries.count(notSettable.size(), "role that exists", "roles that exist")
                            + " on the target (" + String.join(", ", notSettable) + "), but the target login " + t.user()
                            + " is not a member of " + (notSettable.size() == 1 ? "it" : "them") + ": ALTER … OWNER TO and ALTER DEFAULT PRIVILEGES FOR ROLE would be refused.",
                    "Grant them to the login (GRANT " + notSettable.get(0) + " TO " + t.user() + "), or copy with"
                            + " --no-owner to leave everything owned by " + t.user() + "."));
        }
        if (!provider.isEmpty()) {
            out.add(Finding.info("provider-roles", provider.stream().map(r -> "role " + r).toList(),
                    "the source names roles internal to a managed service (" + String.join(", ", provider)
                            + "): they are never created nor referenced on the target; what they own is owned by "
                            + t.user() + " and grants to them are left out.",
                    "Nothing to do; grant the equivalent role of the target's service by hand if one is needed."));
        }
        return out;
    }

    private static Finding missing(String role, List<Usage> usages, ServerFacts t) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> objects = new ArrayList<>();
        boolean policies = false;
        for (Usage u : usages) {
            counts.merge(switch (u.how()) {
                case "owner" -> "owns|owns";
                case "grant" -> "grant left out|grants left out";
                case "default", "default-owner" -> "default privilege left out|default privileges left out";
                case "policy" -> "policy naming it left out|policies naming it left out";
                case "mapping" -> "user mapping left out|user mappings left out";
                case "setting" -> "database setting left out|database settings left out";
                default -> u.how() + "|" + u.how();
            }, u.count(), Long::sum);
            policies |= u.how().equals("policy");
            objects.addAll(u.examples());
        }
        StringBuilder what = new StringBuilder();
        counts.forEach((k, v) -> {
            String[] forms = k.split("\\|");
            what.append(what.length() == 0 ? "" : ", ");
            if (forms[0].equals("owns")) {
                what.append("it owns ").append(Queries.count(v, "object", "objects")).append(" (to be owned by ").append(t.user()).append(')');
            } else {
                what.append(v).append(' ').append(v == 1 ? forms[0] : forms[1]);
            }
        });
        String fix = "Create it on the target first (CREATE ROLE " + role + (t.createRole() ? ", which " + t.user() + " may do" : "")
                + "), or map it to an existing role with --role-map " + role + "=ROLE; with --create-roles the copy creates it"
                + (t.createRole() ? "." : " (that needs CREATEROLE, which " + t.user() + " lacks).");
        List<String> shown = objects.stream().distinct().limit(10).toList();
        if (policies) {
            return Finding.warning("role-missing", prepend("role " + role, shown),
                    "role " + role + " does not exist on the target: " + what + "; a table whose policies are left out"
                            + " shows other roles fewer rows (or none) than on the source.", fix);
        }
        return Finding.info("role-missing", prepend("role " + role, shown),
                "role " + role + " does not exist on the target: " + what + ".", fix);
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static List<String> examples(java.sql.Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        Object[] values = (Object[]) a.getArray();
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            if (v != null) {
                out.add(v.toString());
            }
        }
        return out;
    }

    static boolean isProviderRole(String role) {
        String r = role.toLowerCase(Locale.ROOT);
        return PROVIDER_ROLES.contains(r) || r.startsWith("rds_") || r.startsWith("cloudsql") || r.startsWith("azure_")
                || r.startsWith("supabase_") || r.startsWith("neon_") || r.startsWith("alloydb");
    }
}
