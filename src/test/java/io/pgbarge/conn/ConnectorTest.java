package io.pgbarge.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/** Failures that need no server: nothing listening, a name that cannot resolve, a silent peer. */
@Timeout(60)
class ConnectorTest {
    private static final String PASSWORD = "n0tInMessages";

    private static ConnectionFailedException failure(String text) {
        ConnectionSpec spec = Specs.parse(text);
        ConnectionFailedException e = catchThrowableOfType(ConnectionFailedException.class,
                () -> Connector.open(spec, "pgbarge:test").close());
        assertThat((Throwable) e).isNotNull();
        assertThat(e.getMessage()).doesNotContain(PASSWORD);
        return e;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void refusedPort() throws IOException {
        int port = closedPort();
        ConnectionFailedException e = failure("postgresql://bob:" + PASSWORD + "@127.0.0.1:" + port + "/app");
        assertThat(e.reason()).isEqualTo(ConnectionFailedException.Reason.REFUSED);
        assertThat(e.server()).isEqualTo("127.0.0.1:" + port + "/app as bob");
        assertThat(e.getMessage()).startsWith("could not connect to 127.0.0.1:" + port + "/app as bob: connection refused; ")
                .contains("is the server running").endsWith("(SQLSTATE 08001)");
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getCause()).isInstanceOf(PSQLException.class);
    }

    @Test
    void unknownHost() {
        ConnectionFailedException e = failure("postgresql://bob:" + PASSWORD + "@no-such-host.invalid/app?connect_timeout=10");
        assertThat(e.reason()).isEqualTo(ConnectionFailedException.Reason.UNKNOWN_HOST);
        assertThat(e.getMessage()).startsWith("could not connect to no-such-host.invalid:5432/app as bob: unknown host \"no-such-host.invalid\"")
                .contains("check the host name");
    }

    @Test
    void everyHostOfAListIsTriedAndTheLastFailureReported() throws IOException {
        int a = closedPort();
        int b = closedPort();
        ConnectionFailedException e = failure("host=127.0.0.1,127.0.0.1 port=" + a + "," + b + " user=bob dbname=d");
        assertThat(e.reason()).isEqualTo(ConnectionFailedException.Reason.REFUSED);
        assertThat(e.server()).isEqualTo("127.0.0.1:" + a + ",127.0.0.1:" + b + "/d as bob");
    }

    @Test
    void aPeerThatNeverAnswersTimesOutAfterConnectTimeout() throws IOException {
        // the kernel completes the TCP handshake into the backlog, and nobody ever answers
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            ConnectionFailedException e = failure("host=127.0.0.1 port=" + silent.getLocalPort()
                    + " user=bob password=" + PASSWORD + " sslmode=disable connect_timeout=2");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(e.reason()).isEqualTo(ConnectionFailedException.Reason.TIMEOUT);
            assertThat(e.getMessage()).contains("timed out after 2 s").contains("connect_timeout");
            assertThat(seconds).isLessThan(10);
        }
    }

    @Test
    void aMissingRootCertificateIsReportedBeforeConnecting() {
        ConnectionFailedException e = failure("host=127.0.0.1 port=1 user=bob sslmode=verify-full sslrootcert=/no/such/ca.pem");
        assertThat(e.reason()).isEqualTo(ConnectionFailedException.Reason.SSL_SETUP);
        assertThat(e.getMessage()).contains("root certificate file \"/no/such/ca.pem\" does not exist")
                .contains("sslrootcert=system").contains("sslmode=require");
        assertThat(e.getSQLState()).isNull();
    }
}
