package io.pgbarge.conn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The retries of a first connection to a server that is waking up. */
@Timeout(60)
class WakeUpRetryTest {
    private static ConnectionFailedException failure(ConnectionFailedException.Reason reason) {
        return new ConnectionFailedException("h:5432/db as u", reason, reason.name().toLowerCase(), null, null, null);
    }

    @Test
    void delaysGrowAndStayWithinTheTotal() {
        WakeUpRetry r = WakeUpRetry.within(Duration.ofSeconds(30), x -> { });
        assertThat(r.delays()).extracting(Duration::toMillis).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 8000L,
                6500L);
        assertThat(WakeUpRetry.within(Duration.ZERO, x -> { }).delays()).isEmpty();
    }

    @Test
    void refusalsTimeoutsAndStartingUpAreRetriedUntilTheServerAnswers() throws Exception {
        List<String> lines = new ArrayList<>();
        List<Duration> slept = new ArrayList<>();
        WakeUpRetry policy = WakeUpRetry.within(Duration.ofSeconds(30), x -> lines.add(x.describe("target")));
        var failures = new ArrayList<>(List.of(failure(ConnectionFailedException.Reason.REFUSED),
                failure(ConnectionFailedException.Reason.TIMEOUT),
                failure(ConnectionFailedException.Reason.SERVER_NOT_READY)));
        String result = policy.run(() -> {
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            return "connected";
        }, slept::add);
        assertThat(result).isEqualTo("connected");
        assertThat(slept).extracting(Duration::toMillis).containsExactly(500L, 1000L, 2000L);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).isEqualTo("target not answering yet (waking up?): server_not_ready; retrying in 2 s"
                + " (attempt 4 of 8)");
        assertThat(lines.get(0)).contains("retrying in 0.5 s");
    }

    @Test
    void otherFailuresAreReportedAtOnce() {
        for (var reason : List.of(ConnectionFailedException.Reason.PASSWORD_FAILED,
                ConnectionFailedException.Reason.UNKNOWN_HOST, ConnectionFailedException.Reason.DATABASE_MISSING)) {
            int[] attempts = {0};
            ConnectionFailedException e = catchThrowableOfType(ConnectionFailedException.class,
                    () -> WakeUpRetry.within(Duration.ofSeconds(30), x -> { }).run(() -> {
                        attempts[0]++;
                        throw failure(reason);
                    }, d -> { }));
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(attempts[0]).isEqualTo(1);
        }
    }

    @Test
    void aRefusedPortIsRetriedAsConfiguredThenReported() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ConnectionSpec spec = Specs.parse("postgresql://bob@127.0.0.1:" + port + "/app");
        List<String> lines = new ArrayList<>();
        long start = System.nanoTime();
        ConnectionFailedException e = catchThrowableOfType(ConnectionFailedException.class,
                () -> Connector.open(spec, "pgbarge:test",
                        WakeUpRetry.within(Duration.ofMillis(1500), x -> lines.add(x.describe("target")))).close());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.reason()).isEqualTo(ConnectionFailedException.Reason.REFUSED);
        assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("connection refused");
        assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("target not answering yet (waking up?): connection refused"));
        assertThat(ms).isBetween(1400L, 10_000L);
    }
}
