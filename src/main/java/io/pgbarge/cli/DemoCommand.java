package io.pgbarge.cli;

import io.pgbarge.copy.CopyOptions;
import io.pgbarge.embedded.EmbeddedPostgres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.Manifest;

/**
 * {@code pgbarge demo}: two throwaway servers, our sample database loaded into one, copied into the
 * other with progress, row counts compared, everything removed afterwards.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start two throwaway PostgreSQL servers, load a sample database into the first,",
                "copy it into the second with `pgbarge copy`, compare row counts, and clean up."})
final class DemoCommand implements Callable<Integer> {
    static final String DATABASE = "pgbarge_sample";

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "tables copied at a time (default: ${DEFAULT-VALUE})")
    int jobs = 2;

    @Option(names = "--no-progress", description = "plain log lines instead of the live progress display")
    boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Path pgbin = pgbin();
        String version = demoVersion();
        System.out.println("pgbarge demo: starting two throwaway PostgreSQL " + version + " servers...");
        try (EmbeddedPostgres src = EmbeddedPostgres.start(pgbin, version);
             EmbeddedPostgres tgt = EmbeddedPostgres.start(pgbin, version)) {
            src.createDatabase(DATABASE);
            tgt.createDatabase(DATABASE);
            System.out.println("  source: " + src.uri(DATABASE));
            System.out.println("  target: " + tgt.uri(DATABASE));
            System.out.print("pgbarge demo: loading the sample database into the source... ");
            System.out.flush();
            long t0 = System.nanoTime();
            loadSample(src);
            System.out.printf("done in %.1f s%n%n", (System.nanoTime() - t0) / 1e9);
            System.out.println("$ pgbarge copy " + src.uri(DATABASE) + " " + tgt.uri(DATABASE) + " --jobs " + jobs);
            CopyOptions options = new CopyOptions(jobs, false, false, false, false, true);
            int code = CopyRun.run(src.uri(DATABASE), tgt.uri(DATABASE), options, noProgress, verbose);
            if (code != ExitCode.OK) {
                return code;
            }
            System.out.println();
            boolean same = compareCounts(src, tgt);
            System.out.println(same
                    ? "pgbarge demo: every table has the same number of rows on both servers. Stopping the servers."
                    : "pgbarge demo: row counts differ (see above).");
            return same ? ExitCode.OK : ExitCode.MISMATCH;
        } catch (IOException e) {
            System.err.println("pgbarge demo: could not start the embedded servers: " + e.getMessage());
            return ExitCode.INTERNAL;
        }
    }

    static void loadSample(EmbeddedPostgres pg) throws IOException, SQLException {
        String sql;
        try (InputStream in = DemoCommand.class.getResourceAsStream("/sample/sample.sql")) {
            if (in == null) {
                throw new IOException("sample/sample.sql is missing from the jar");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = pg.connect(DATABASE); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static boolean compareCounts(EmbeddedPostgres src, EmbeddedPostgres tgt) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = src.connect(DATABASE); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                     + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                     + " ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        boolean same = true;
        System.out.printf("%-50s %12s %12s%n", "table", "source rows", "target rows");
        try (Connection s = src.connect(DATABASE); Connection t = tgt.connect(DATABASE)) {
            for (String table : tables) {
                long a = count(s, table);
                long b = count(t, table);
                same &= a == b;
                System.out.printf("%-50s %12d %12d%s%n", table, a, b, a == b ? "" : "   <-- differs");
            }
        }
        return same;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM ONLY " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Path pgbin() throws IOException {
        String p = System.getProperty("pgbarge.pgbin");
        if (p != null) {
            return Path.of(p);
        }
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = jar.getParent().resolve("pgbin");
            if (Files.isDirectory(dir)) {
                return dir;
            }
        } catch (Exception e) {
            // fall through to the message below
        }
        throw new IOException("cannot find the PostgreSQL server binaries; run pgbarge through the ./pgbarge launcher");
    }

    private static String demoVersion() throws IOException {
        String v = System.getProperty("pgbarge.demoVersion");
        if (v != null) {
            return v;
        }
        var urls = DemoCommand.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
        while (urls.hasMoreElements()) {
            try (InputStream in = urls.nextElement().openStream()) {
                String found = new Manifest(in).getMainAttributes().getValue("PgBarge-Demo-Postgres");
                if (found != null) {
                    return found;
                }
            }
        }
        throw new IOException("the jar does not name the demo's PostgreSQL version; rebuild with ./pgbarge");
    }
}
