package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** How many streams of one table a copy runs, given where the source runs and the cores here. */
class TableSlicerTest {
    @Test
    void aSourceOnThisMachineGetsOneStreamPerTwoCoresAndARemoteOneAStreamPerJob() {
        assertThat(TableSlicer.streams(true, 2, 2)).isEqualTo(1);
        assertThat(TableSlicer.streams(true, 3, 4)).isEqualTo(1);
        assertThat(TableSlicer.streams(true, 8, 2)).isEqualTo(2);
        assertThat(TableSlicer.streams(true, 8, 8)).isEqualTo(4);
        assertThat(TableSlicer.streams(false, 2, 2)).isEqualTo(2);
        assertThat(TableSlicer.streams(false, 1, 6)).isEqualTo(6);
    }

    @Test
    void withOneStreamALargeTableIsSlicedOnlyWhenTheRestOfTheCopyCanRunBesideItsIndexBuilds() {
        // one table is the whole copy: whole, with COPY FREEZE
        assertThat(TableSlicer.worthSlicing(1_000, 1_000, 1)).isFalse();
        assertThat(TableSlicer.worthSlicing(1_000, 1_200, 1)).isFalse();
        // pgbench's accounts beside a larger table: sliced, so the larger one lands first
        assertThat(TableSlicer.worthSlicing(890, 1_402, 1)).isTrue();
        assertThat(TableSlicer.worthSlicing(1_000, 1_250, 1)).isTrue();
        // streams that run side by side at full speed always pay
        assertThat(TableSlicer.worthSlicing(1_000, 1_000, 2)).isTrue();
    }

    @Test
    void aSessionOverLoopbackIsOnThisMachine() throws Exception {
        TestDb db = TestServers.newDatabase(17, "slicer_here");
        try (Connection c = db.connect()) {
            // the test servers listen here: whether over a socket or 127.0.0.1, it is this machine
            assertThat(TableSlicer.sourceHere(c)).isTrue();
            assertThat(db.scalar("SELECT coalesce(host(inet_server_addr()), 'socket')")).isIn("127.0.0.1", "::1", "socket");
        }
    }
}
