package io.pgbarge.copy;

import io.pgbarge.catalog.Dependency;
import io.pgbarge.ddl.Statement;
import io.pgbarge.plan.ExtensionExclusion;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Extensions the statements create that the target cannot have: not installed there and either not
 * offered by the server ({@code pg_available_extensions}) or not creatable by the login (untrusted
 * extensions need a superuser; trusted ones CREATE on the database). Without a choice by the user the
 * run stops before anything changes, naming each extension and what needs it; with
 * {@code --skip-missing-extensions} (or {@code --exclude-extension NAME}) they are left out with
 * everything that depends on them, each named in the summary.
 */
public final class MissingExtensions {
    /** Roles of managed services whose members may create extensions a plain login may not. */
    private static final List<String> PROVIDER_ROLES = List.of("rds_superuser", "azure_pg_admin", "cloudsqlsuperuser",
            "neon_superuser", "alloydbsuperuser");

    private MissingExtensions() {
    }

    /**
     * What the user chose.
     *
     * @param skipMissing leave out every extension the target cannot have (--skip-missing-extensions)
     * @param excluded    leave out these extensions in any case (--exclude-extension, as pg_dump 17)
     */
    public record Policy(boolean skipMissing, Set<String> excluded) {
        public static final Policy NONE = new Policy(false, Set.of());

        public Policy {
            excluded = Set.copyOf(excluded);
        }
    }

    /** A refusal: extensions the target cannot have that the user did not choose to leave out. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * The statements without the extensions to leave out and what needs them; a note per extension
     * left out goes to notes.
     *
     * @throws Refused when the target cannot have an extension the user did not choose to leave out
     */
    public static ExtensionExclusion.Result apply(Connection admin, List<Statement> statements,
                                                  List<Dependency> dependencies, Policy policy, List<String> notes)
            throws SQLException, Refused {
        Set<String> names = new LinkedHashSet<>();
        for (Statement s : statements) {
            String n = ExtensionExclusion.extensionName(s);
            if (n != null) {
                names.add(n);
            }
        }
        Map<String, String> missing = missing(admin, names);
        Set<String> leave = new LinkedHashSet<>();
        for (String n : names) {
            if (policy.excluded().contains(n) || policy.skipMissing() && missing.containsKey(n)) {
                leave.add(n);
            }
        }
        Map<String, String> refused = new TreeMap<>(missing);
        refused.keySet().removeAll(leave);
        if (!refused.isEmpty()) {
            ExtensionExclusion.Result would = ExtensionExclusion.apply(statements, dependencies, refused.keySet());
            StringBuilder b = new StringBuilder("the target cannot have "
                    + (refused.size() == 1 ? "this extension" : "these " + refused.size() + " extensions") + ":\n");
            refused.forEach((n, why) -> b.append("  extension ").append(n).append(": ").append(why)
                    .append(dependentsText(would.leftOut().get(n))).append('\n'));
            b.append("Nothing was changed on the target. Make the extension available there (or create it there as a"
                    + " superuser beforehand), or add --skip-missing-extensions (or --exclude-extension NAME) to leave"
                    + " it out together with everything that needs it.");
            throw new Refused(b.toString());
        }
        ExtensionExclusion.Result r = ExtensionExclusion.apply(statements, dependencies, leave);
        r.leftOut().forEach((n, objects) -> notes.add("extension " + n + " left out ("
                + (policy.excluded().contains(n) ? "--exclude-extension" : "--skip-missing-extensions: "
                + missing.get(n)) + ")" + (objects.isEmpty() ? "" : ", with the " + objects.size()
                + (objects.size() == 1 ? " object that needs it: " : " objects that need it: ") + String.join(", ", objects))));
        return r;
    }

    private static String dependentsText(List<String> objects) {
        if (objects == null || objects.isEmpty()) {
            return "";
        }
        List<String> shown = objects.size() > 20 ? objects.subList(0, 20) : objects;
        return "; needed by " + String.join(", ", shown) + (objects.size() > 20 ? " and " + (objects.size() - 20)
                + " more" : "");
    }

    /** Of these extensions, those the target cannot have, with the reason. */
    static Map<String, String> missing(Connection admin, Collection<String> names) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        boolean superuser;
        boolean createOnDb;
        boolean providerRole;
        try (var ps = admin.prepareStatement("SELECT r.rolsuper,"
                + " pg_catalog.has_database_privilege(current_database(), 'CREATE'),"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_roles p WHERE p.rolname = ANY (?)"
                + "   AND pg_catalog.pg_has_role(p.oid, 'USAGE'))"
                + " FROM pg_catalog.pg_roles r WHERE r.rolname = current_user")) {
            ps.setArray(1, admin.createArrayOf("text", PROVIDER_ROLES.toArray()));
            try (var rs = ps.executeQuery()) {
                rs.next();
                superuser = rs.getBoolean(1);
                createOnDb = rs.getBoolean(2);
                providerRole = rs.getBoolean(3);
            }
        }
        int version;
        try (var st = admin.createStatement();
             var rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            version = rs.getInt(1);
        }
        // trusted (13+): any login with CREATE on the database may create it; else a superuser only
        String trusted = version >= 130000 ? "v.trusted" : "false";
        try (var ps = admin.prepareStatement("SELECT x.name, x.name IN (SELECT extname FROM pg_catalog.pg_extension),"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_available_extensions a WHERE a.name = x.name),"
                + " COALESCE((SELECT " + trusted + " OR NOT v.superuser FROM pg_catalog.pg_available_extension_versions v"
                + "   JOIN pg_catalog.pg_available_extensions a ON a.name = v.name AND a.default_version = v.version"
                + "   WHERE v.name = x.name LIMIT 1), false)"
                + " FROM pg_catalog.unnest(?::text[]) AS x(name)")) {
            ps.setArray(1, admin.createArrayOf("text", new ArrayList<>(names).toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (rs.getBoolean(2)) {
                        continue;
                    }
                    if (!rs.getBoolean(3)) {
                        out.put(name, "the target server does not offer it");
                    } else if (superuser) {
                        continue;
                    } else if (!rs.getBoolean(4) && !providerRole) {
                        out.put(name, "it is not trusted, and only a superuser may create it");
                    } else if (rs.getBoolean(4) && !createOnDb) {
                        out.put(name, "creating it needs CREATE on the target database, which the login lacks");
                    }
                }
            }
        }
        return out;
    }
}
