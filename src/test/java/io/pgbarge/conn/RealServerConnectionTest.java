package io.pgbarge.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pgbarge.TestServers;
import io.pgbarge.conn.ConnectionFailedException.Reason;
import io.pgbarge.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real logins against a server of our own (the shared test servers trust everyone, and this test
 * changes pg_hba.conf): one role that must give a SCRAM password, and, where openssl is at hand,
 * SSL with a certificate signed by a CA made here.
 */
@Timeout(180)
class RealServerConnectionTest {
    private static final String ROLE = "conn_pw";
    private static final String PASSWORD = "right pw:@/'\\x";
    private static EmbeddedPostgres pg;
    private static Path certs;
    private static boolean ssl;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer(@TempDir Path tmp) throws Exception {
        String version = System.getProperty("pgbarge.pg17");
        assumeTrue(version != null, "no PostgreSQL binaries configured (run through Maven)");
        pg = EmbeddedPostgres.start(TestServers.pgbin(), version);
        try (Connection c = pg.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("SET password_encryption = 'scram-sha-256'");
            st.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD.replace("'", "''") + "'");
            st.execute("CREATE SCHEMA conn_schema");
            String hba = scalar(c, "SELECT pg_read_file(current_setting('hba_file'))");
            writeServerFile(c, "host all " + ROLE + " 127.0.0.1/32 scram-sha-256\n" + hba,
                    scalar(c, "SELECT current_setting('hba_file')"));
            st.execute("SELECT pg_reload_conf()");
        }
        awaitPasswordRequired();
        certs = tmp;
        ssl = enableSsl(tmp);
    }

    @AfterAll
    static void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    private ConnectionSpec spec(String text) {
        return Specs.parse(text, Map.of(), null, dir);
    }

    private String uri(String user, String password, String db, String params) {
        return "postgresql://" + user + (password == null ? "" : ":" + PercentDecoding.encode(password)) + "@127.0.0.1:"
                + pg.port() + "/" + db + (params.isEmpty() ? "" : "?" + params);
    }

    private ConnectionFailedException failure(ConnectionSpec spec) {
        ConnectionFailedException e = catchThrowableOfType(ConnectionFailedException.class,
                () -> Connector.open(spec, "pgbarge:test").close());
        assertThat((Throwable) e).as("connecting with %s", spec).isNotNull();
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("wrong-pw");
        return e;
    }

    @Test
    void theRightPasswordLogsInUnderTheGivenApplicationName() throws SQLException {
        ConnectionSpec spec = spec(uri(ROLE, PASSWORD, "postgres", "sslmode=disable"));
        try (Connection c = Connector.open(spec, "pgbarge:copy:public.film")) {
            assertThat(scalar(c, "SELECT current_user")).isEqualTo(ROLE);
            assertThat(scalar(c, "SELECT current_setting('application_name')")).isEqualTo("pgbarge:copy:public.film");
        }
    }

    @Test
    void aWrongPasswordSaysSoAndWhereItCameFrom() {
        ConnectionFailedException e = failure(spec(uri(ROLE, "wrong-pw", "postgres", "sslmode=disable")));
        assertThat(e.reason()).isEqualTo(Reason.PASSWORD_FAILED);
        assertThat(e.getSQLState()).isEqualTo("28P01");
        assertThat(e.getMessage()).isEqualTo("could not connect to 127.0.0.1:" + pg.port() + "/postgres as " + ROLE
                + ": password authentication failed for user \"" + ROLE + "\"; check the password in the connection"
                + " string (SQLSTATE 28P01)");
    }

    @Test
    void thePasswordFileIsUsedAndNamedWhenWrong() throws IOException, SQLException {
        Path good = Files.writeString(dir.resolve("good"), "127.0.0.1:" + pg.port() + ":*:" + ROLE + ":"
                + PASSWORD.replace("\\", "\\\\").replace(":", "\\:") + "\n");
        Path bad = Files.writeString(dir.resolve("bad"), "*:*:*:*:wrong-pw\n");
        for (Path p : new Path[] {good, bad}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
        String text = uri(ROLE, null, "postgres", "sslmode=disable&passfile=");
        try (Connection c = Connector.open(spec(text + good))) {
            assertThat(scalar(c, "SELECT current_user")).isEqualTo(ROLE);
        }
        ConnectionFailedException e = failure(spec(text + bad));
        assertThat(e.reason()).isEqualTo(Reason.PASSWORD_FAILED);
        assertThat(e.getMessage()).contains("check the password from the password file \"" + bad + "\"");
    }

    @Test
    void noPasswordWhenOneIsNeeded() {
        ConnectionFailedException e = failure(spec(uri(ROLE, null, "postgres", "sslmode=disable")));
        assertThat(e.reason()).isEqualTo(Reason.NO_PASSWORD);
        assertThat(e.getMessage()).contains("the server asks for a password, but none was given")
                .contains("PGPASSWORD");
    }

    @Test
    void aMissingDatabase() {
        ConnectionFailedException e = failure(spec(uri("postgres", null, "no_such_db", "")));
        assertThat(e.reason()).isEqualTo(Reason.DATABASE_MISSING);
        assertThat(e.getSQLState()).isEqualTo("3D000");
        assertThat(e.getMessage()).contains("database \"no_such_db\" does not exist");
    }

    @Test
    void aMissingRole() {
        ConnectionFailedException e = failure(spec(uri("nobody_here", null, "postgres", "")));
        assertThat(e.reason()).isEqualTo(Reason.ROLE_MISSING);
        assertThat(e.getMessage()).contains("role \"nobody_here\" does not exist").contains("check the user name");
    }

    @Test
    void optionsReachTheServerUnchanged() throws SQLException {
        try (Connection c = Connector.open(spec(uri("postgres", null, "postgres",
                "options=-c%20search_path%3Dconn_schema%20-c%20work_mem%3D7MB")))) {
            assertThat(scalar(c, "SHOW search_path")).isEqualTo("conn_schema");
            assertThat(scalar(c, "SHOW work_mem")).isEqualTo("7MB");
        }
        // A plain server does not know Neon's endpoint option, and quotes what it received.
        ConnectionFailedException e = failure(spec(uri("postgres", null, "postgres",
                "options=endpoint%3Dep-cool-darkness-123456")));
        assertThat(e.getMessage()).contains("endpoint=ep-cool-darkness-123456");
    }

    @Test
    void requiringSslOfAServerWithoutIt() {
        EmbeddedPostgres plain = TestServers.server(17); // the shared servers have no SSL
        ConnectionFailedException e = failure(spec("host=127.0.0.1 port=" + plain.port()
                + " user=postgres dbname=postgres sslmode=require"));
        assertThat(e.reason()).isEqualTo(Reason.SSL_NOT_SUPPORTED);
        assertThat(e.getMessage()).contains("does not accept SSL").contains("sslmode=prefer");
    }

    @Test
    void sslRequireEncryptsWithoutVerifying() throws SQLException {
        assumeTrue(ssl, "no SSL on this server");
        for (String mode : new String[] {"require", "prefer"}) {
            try (Connection c = Connector.open(spec(uri(ROLE, PASSWORD, "postgres", "sslmode=" + mode)))) {
                assertThat(scalar(c, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).as(mode).isEqualTo("t");
            }
        }
        try (Connection c = Connector.open(spec(uri(ROLE, PASSWORD, "postgres", "sslmode=disable")))) {
            assertThat(scalar(c, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo("f");
        }
    }

    @Test
    void sslRequireVerifiesWhenARootCertificateFileExistsAsLibpqDoes() throws Exception {
        assumeTrue(ssl, "no SSL on this server");
        Files.copy(certs.resolve("other.crt"), dir.resolve("root.crt"));
        ConnectionFailedException e = failure(spec(uri(ROLE, PASSWORD, "postgres", "sslmode=require")));
        assertThat(e.reason()).isEqualTo(Reason.SSL_CERTIFICATE);
        assertThat(e.getMessage()).contains("not signed by a trusted root").contains(dir.resolve("root.crt").toString());

        Files.copy(certs.resolve("ca.crt"), dir.resolve("root.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = Connector.open(spec(uri(ROLE, PASSWORD, "postgres", "sslmode=require")))) {
            assertThat(scalar(c, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo("t");
        }
    }

    @Test
    void verifyFullChecksTheHostName() throws SQLException {
        assumeTrue(ssl, "no SSL on this server");
        String root = certs.resolve("ca.crt").toString();
        try (Connection c = Connector.open(spec("host=localhost port=" + pg.port() + " user=postgres dbname=postgres"
                + " sslmode=verify-full sslrootcert=" + root))) {
            assertThat(scalar(c, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo("t");
        }
        ConnectionFailedException e = failure(spec("host=127.0.0.1 port=" + pg.port()
                + " user=postgres dbname=postgres sslmode=verify-full sslrootcert=" + root));
        assertThat(e.reason()).isEqualTo(Reason.SSL_CERTIFICATE);
        assertThat(e.getMessage()).contains("not for this host name");
        try (Connection c = Connector.open(spec("host=127.0.0.1 port=" + pg.port()
                + " user=postgres dbname=postgres sslmode=verify-ca sslrootcert=" + root))) {
            assertThat(scalar(c, "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void channelBindingRequiredNeedsSsl() throws SQLException {
        assumeTrue(ssl, "no SSL on this server");
        try (Connection c = Connector.open(spec(uri(ROLE, PASSWORD, "postgres", "sslmode=require&channel_binding=require")))) {
            assertThat(scalar(c, "SELECT current_user")).isEqualTo(ROLE);
        }
        ConnectionFailedException e = failure(spec(uri(ROLE, PASSWORD, "postgres", "sslmode=disable&channel_binding=require")));
        assertThat(e.reason()).isEqualTo(Reason.CHANNEL_BINDING);
    }

    // ---- setup helpers ----

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Writes a file as the server's OS user, byte for byte, through a large object. */
    private static void writeServerFile(Connection c, String content, String path) throws SQLException {
        long oid;
        try (PreparedStatement ps = c.prepareStatement("SELECT lo_from_bytea(0, convert_to(?, 'UTF8'))")) {
            ps.setString(1, content);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                oid = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT lo_export(?, ?)")) {
            ps.setLong(1, oid);
            ps.setString(2, path);
            ps.executeQuery().close();
        }
        try (Statement st = c.createStatement()) {
            st.execute("SELECT lo_unlink(" + oid + ")");
        }
    }

    /** pg_reload_conf() only signals; wait until the new pg_hba.conf turns a wrong password away. */
    private static void awaitPasswordRequired() throws InterruptedException {
        ConnectionSpec wrong = Specs.parse("host=127.0.0.1 port=" + pg.port() + " user=" + ROLE
                + " dbname=postgres password=x sslmode=disable");
        for (int i = 0; i < 100; i++) {
            try (Connection c = Connector.open(wrong)) {
                Thread.sleep(100);
            } catch (SQLException e) {
                return;
            }
        }
        throw new IllegalStateException("pg_hba.conf change did not take effect");
    }

    /**
     * A CA, a server certificate for "localhost" signed by it, and an unrelated CA; the server then
     * turns ssl on. Returns false when openssl is missing or the server cannot use them.
     */
    private static boolean enableSsl(Path tmp) throws Exception {
        try {
            openssl(tmp, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                    "-days", "2", "-subj", "/CN=pgbarge test CA");
            openssl(tmp, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other.crt",
                    "-days", "2", "-subj", "/CN=unrelated CA");
            openssl(tmp, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                    "-subj", "/CN=localhost");
            Files.writeString(tmp.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
            openssl(tmp, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
        } catch (IOException e) {
            return false;
        }
        // the server (perhaps running as nobody) must read these, and insists the key be its own and private
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tmp.resolve("server.crt"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(tmp.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        if ("root".equals(System.getProperty("user.name"))) {
            var nobody = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(tmp.resolve("server.key"), nobody);
        }
        try (Connection c = pg.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM SET ssl_cert_file = '" + tmp.resolve("server.crt") + "'");
            st.execute("ALTER SYSTEM SET ssl_key_file = '" + tmp.resolve("server.key") + "'");
            st.execute("ALTER SYSTEM SET ssl = on");
            st.execute("SELECT pg_reload_conf()");
        }
        for (int i = 0; i < 100; i++) {
            try (Connection c = pg.connect("postgres")) {
                if ("on".equals(scalar(c, "SHOW ssl"))) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + args[0] + " failed");
        }
    }
}
