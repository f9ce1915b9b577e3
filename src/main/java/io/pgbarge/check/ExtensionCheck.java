package io.pgbarge.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The source's extensions against what the target offers ({@code pg_available_extension_versions}):
 * a missing one is a blocker naming the objects that need it; a lower version a warning; whether the
 * target login may create it (trusted: CREATE on the database; untrusted: a superuser).
 */
public final class ExtensionCheck implements Check {
    /** Roles of managed services whose members may create extensions a plain login may not. */
    static final Set<String> PROVIDER_EXTENSION_ROLES = Set.of("rds_superuser", "azure_pg_admin", "cloudsqlsuperuser",
            "neon_superuser", "alloydbsuperuser");
    static final int DEPENDENTS_SHOWN = 200;

    /** What the target offers of one extension. */
    public record Available(String name, String defaultVersion, Set<String> versions, boolean trusted) {
        public Available {
            versions = Set.copyOf(versions);
        }
    }

    private final Map<String, Available> injected;

    /** Reads what the target offers from the target. */
    public ExtensionCheck() {
        this.injected = null;
    }

    /** Uses the given list instead of the target's (for tests: a target that lacks an extension). */
    public ExtensionCheck(Map<String, Available> targetAvailable) {
        this.injected = Map.copyOf(targetAvailable);
    }

    @Override
    public String topic() {
        return "extensions";
    }

    record SourceExtension(long oid, String name, String version, String schema) {
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws SQLException {
        List<SourceExtension> used = Queries.list(ctx.source(), "SELECT e.oid, e.extname, e.extversion, n.nspname"
                + " FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace"
                + " WHERE e.extname <> 'plpgsql' ORDER BY e.extname",
                rs -> new SourceExtension(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        if (used.isEmpty()) {
            return List.of();
        }
        Map<String, Available> available = injected != null ? injected : available(ctx.target(), ctx.targetFacts());
        Map<String, String> installed = new HashMap<>();
        for (List<String> row : Queries.list(ctx.target(), "SELECT extname, extversion FROM pg_catalog.pg_extension",
                rs -> List.of(rs.getString(1), rs.getString(2)))) {
            installed.put(row.get(0), row.get(1));
        }
        ServerFacts t = ctx.targetFacts();
        boolean createOnDb = t.superuser() || "t".equals(Queries.scalar(ctx.target(),
                "SELECT pg_catalog.has_database_privilege(current_database(), 'CREATE')"));
        List<String> providerRoles = t.superuser() ? List.of() : Queries.strings(ctx.target(),
                "SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY (?) AND pg_catalog.pg_has_role(oid, 'USAGE')"
                        + " ORDER BY 1", ctx.target().createArrayOf("text", PROVIDER_EXTENSION_ROLES.toArray()));

        List<Finding> out = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (SourceExtension x : used) {
            String what = "extension " + x.name() + " " + x.version();
            String there = installed.get(x.name());
            if (there != null) {
                if (compareVersions(there, x.version()) < 0) {
                    out.add(Finding.warning("extension-older", List.of(what),
                            "extension " + x.name() + " is installed on the target at version " + there
                                    + ", older than the source's " + x.version() + ": objects using newer features may fail.",
                            "On the target: ALTER EXTENSION " + x.name() + " UPDATE" + " (to " + x.version()
                                    + " if the target offers it) before the copy."));
                } else {
                    fine.add(x.name() + " (installed)");
                }
                continue;
            }
            Available a = available.get(x.name());
            if (a == null) {
                List<String> objects = new ArrayList<>();
                objects.add(what);
                List<String> dependents = dependents(ctx.source(), x.oid());
                objects.addAll(dependents);
                out.add(Finding.blocker("extension-missing", objects,
                        "extension " + x.name() + " (" + x.version() + ") is used on the source but the target does not offer it"
                                + (dependents.isEmpty() ? "." : "; " + Queries.count(dependents.size(), "object depends", "objects depend")
                                + " on it: " + Queries.shortList(dependents, 3) + "."),
                        "Install or enable " + x.name() + " on the target server (for a managed service, see its list of"
                                + " supported extensions), or drop what uses it on the source, or copy with"
                                + " --skip-missing-extensions (or --exclude-extension " + x.name() + ") to leave it out with"
                                + " the objects listed here."));
                continue;
            }
            boolean lower = compareVersions(a.defaultVersion(), x.version()) < 0;
            if (lower && !a.versions().contains(x.version())) {
                out.add(Finding.warning("extension-older", List.of(what),
                        "the target offers extension " + x.name() + " up to version " + maxVersion(a)
                                + ", older than the source's " + x.version() + ": objects using newer features may fail.",
                        "Upgrade the extension's package on the target, or check the objects using it after the copy."));
            } else if (lower) {
                out.add(Finding.info("extension-version", List.of(what),
                        "extension " + x.name() + " will be created at the target's default version " + a.defaultVersion()
                                + " (source: " + x.version() + ").",
                        "After the copy, on the target: ALTER EXTENSION " + x.name() + " UPDATE TO '" + x.version() + "'."));
            }
            if (t.superuser()) {
                fine.add(x.name());
            } else if (a.trusted()) {
                if (createOnDb) {
                    fine.add(x.name());
                } else {
                    out.add(Finding.blocker("extension-not-creatable", List.of(what),
                            "extension " + x.name() + " is trusted, but creating it needs CREATE on database " + t.database()
                                    + ", which the target login " + t.user() + " lacks.",
                            "GRANT CREATE ON DATABASE " + t.database() + " TO " + t.user() + ", or create the extension"
                                    + " on the target beforehand as its owner: CREATE EXTENSION " + x.name() + "."));
                }
            } else if (!providerRoles.isEmpty()) {
                out.add(Finding.warning("extension-needs-superuser", List.of(what),
                        "extension " + x.name() + " is not trusted: only a superuser may create it, and " + t.user()
                                + " is not one; as a member of " + String.join(", ", providerRoles)
                                + " the service may still allow it.",
                        "Create it on the target beforehand (CREATE EXTENSION " + x.name() + ") to be sure; if the service"
                                + " refuses, it does not support this extension."));
            } else {
                List<String> objects = new ArrayList<>();
                objects.add(what);
                objects.addAll(dependents(ctx.source(), x.oid()));
                out.add(Finding.blocker("extension-needs-superuser", objects,
                        "extension " + x.name() + " is not trusted: only a superuser may create it, and the target login "
                                + t.user() + " is not one.",
                        "Have a superuser run CREATE EXTENSION " + x.name() + " in the target database before the copy"
                                + " (the copy then keeps it), or copy as a superuser, or copy with --skip-missing-extensions"
                                + " (or --exclude-extension " + x.name() + ") to leave it out with the objects listed here."));
            }
        }
        if (!fine.isEmpty()) {
            out.add(Finding.info("extensions", fine.stream().map(n -> "extension " + n).toList(),
                    Queries.count(fine.size(), "extension", "extensions") + " of the source can be created on the target"
                            + " (or already exist there): " + String.join(", ", fine) + ".", ""));
        }
        return out;
    }

    /** What the target server offers: every extension with its default version, versions and trust. */
    static Map<String, Available> available(Connection target, ServerFacts facts) throws SQLException {
        Map<String, String> defaults = new HashMap<>();
        for (List<String> row : Queries.list(target, "SELECT name, default_version FROM pg_catalog.pg_available_extensions",
                rs -> java.util.Arrays.asList(rs.getString(1), rs.getString(2)))) {
            defaults.put(row.get(0), row.get(1));
        }
        Map<String, Set<String>> versions = new HashMap<>();
        Map<String, Boolean> trusted = new HashMap<>();
        String trustedCol = facts.atLeast(13) ? "trusted" : "false";
        for (List<String> row : Queries.list(target, "SELECT name, version, " + trustedCol + ", superuser"
                + " FROM pg_catalog.pg_available_extension_versions",
                rs -> List.of(rs.getString(1), rs.getString(2), String.valueOf(rs.getBoolean(3)), String.valueOf(rs.getBoolean(4))))) {
            versions.computeIfAbsent(row.get(0), n -> new TreeSet<>()).add(row.get(1));
            if (row.get(1).equals(defaults.get(row.get(0)))) {
                // trusted, or not needing a superuser at all
                trusted.put(row.get(0), Boolean.parseBoolean(row.get(2)) || !Boolean.parseBoolean(row.get(3)));
            }
        }
        Map<String, Available> out = new HashMap<>();
        defaults.forEach((name, def) -> out.put(name, new Available(name, def == null ? "" : def,
                versions.getOrDefault(name, Set.of()), trusted.getOrDefault(name, false))));
        return out;
    }

    /**
     * The source's objects that need the extension, however indirectly: those depending (normally)
     * on the extension or on one of its members (or on the array type of a member), e.g. columns of
     * type hstore, indexes using gin_trgm_ops, then whatever depends on those (a view over such a
     * column, a function calling such a function). Not members of extensions themselves.
     */
    static List<String> dependents(Connection source, long extOid) throws SQLException {
        String member = "SELECT 1 FROM pg_catalog.pg_depend m WHERE m.deptype = 'e'"
                + " AND m.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND m.refobjid = " + extOid;
        String notMember = " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.deptype = 'e'"
                + "   AND x.classid = d.classid AND x.objid = d.objid)";
        return Queries.strings(source, "WITH RECURSIVE needs(classid, objid, objsubid) AS ("
                + " SELECT d.classid, d.objid, d.objsubid FROM pg_catalog.pg_depend d WHERE d.deptype = 'n' AND ("
                + " (d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.refobjid = " + extOid + ")"
                + " OR EXISTS (" + member + " AND m.classid = d.refclassid AND m.objid = d.refobjid)"
                + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend a WHERE a.classid = d.refclassid AND a.objid = d.refobjid"
                + "   AND a.deptype = 'i' AND EXISTS (" + member + " AND m.classid = a.refclassid AND m.objid = a.refobjid)))"
                + notMember
                // parts of a member (an operator family's support functions): the extension's own
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend o WHERE o.classid = d.classid AND o.objid = d.objid"
                + "   AND o.deptype IN ('a', 'i') AND EXISTS (" + member + " AND m.classid = o.refclassid AND m.objid = o.refobjid))"
                + " UNION SELECT d.classid, d.objid, d.objsubid FROM pg_catalog.pg_depend d"
                + " JOIN needs n ON d.refclassid = n.classid AND d.refobjid = n.objid"
                + " AND (n.objsubid = 0 OR d.refobjsubid = n.objsubid)"
                + " WHERE d.deptype IN ('n', 'a')" + notMember
                + ") SELECT DISTINCT pg_catalog.pg_describe_object(classid, objid, objsubid) AS o FROM needs"
                + " ORDER BY o LIMIT " + DEPENDENTS_SHOWN);
    }

    private static String maxVersion(Available a) {
        return a.versions().stream().max(ExtensionCheck::compareVersions).orElse(a.defaultVersion());
    }

    /** Compares "1.10" above "1.9": numeric parts as numbers, the rest as text. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.\\-]");
        String[] y = b.split("[.\\-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c;
            if (p.matches("\\d+") && q.matches("\\d+")) {
                c = new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
