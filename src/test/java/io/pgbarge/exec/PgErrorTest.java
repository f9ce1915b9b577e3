package io.pgbarge.exec;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server's error as the operator reads it: step, server, statement, message, detail, hint, object, SQLSTATE. */
@Timeout(60)
class PgErrorTest {
    @Test
    void aFailedStepNamesEverythingTheServerSaid() throws Exception {
        TestDb db = TestServers.newDatabase(17, "pgerror");
        db.exec("CREATE TABLE public.parent (id int PRIMARY KEY); CREATE TABLE public.child (pid int);"
                + " INSERT INTO public.child VALUES (7)");
        String sql = "ALTER TABLE public.child ADD CONSTRAINT child_parent FOREIGN KEY (pid) REFERENCES public.parent";
        SQLException e;
        try (Connection c = db.connect(); var st = c.createStatement()) {
            e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> st.execute(sql));
        }
        StepFailedException f = new StepFailedException("fk constraint public.child child_parent", "target", sql, e);
        assertThat(f.render())
                .startsWith("fk constraint public.child child_parent failed on the target:")
                .contains("violates foreign key constraint \"child_parent\"")
                .contains("DETAIL: Key (pid)=(7) is not present in table \"parent\".")
                .contains("OBJECT: table public.child, constraint child_parent")
                .contains("SQLSTATE: 23503")
                .contains("statement: " + sql);
        assertThat(f.connectionLost()).isFalse();
        assertThat(f.error().retryable()).isFalse();
    }

    @Test
    void hintsAndTerminatedSessionsAreRecognised() throws Exception {
        TestDb db = TestServers.newDatabase(17, "pgerror_hint");
        try (Connection c = db.connect(); var st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("DO $$ BEGIN RAISE EXCEPTION 'nope' USING DETAIL = 'the detail',"
                    + " HINT = 'the hint', ERRCODE = '22023'; END $$"))
                    .satisfies(t -> assertThat(PgError.of(t).render()).contains("nope").contains("DETAIL: the detail")
                            .contains("HINT: the hint").contains("SQLSTATE: 22023").contains("CONTEXT: PL/pgSQL"));
        }
        try (Connection victim = db.connect(); Connection killer = db.connect()) {
            int pid;
            try (var st = victim.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (var st = killer.createStatement()) {
                st.execute("SELECT pg_terminate_backend(" + pid + ")");
            }
            Thread.sleep(200);
            assertThatThrownBy(() -> {
                try (var st = victim.createStatement()) {
                    st.execute("SELECT 1");
                }
            }).satisfies(t -> assertThat(PgError.connectionLost(t)).as(PgError.of(t).render()).isTrue());
        }
    }
}
