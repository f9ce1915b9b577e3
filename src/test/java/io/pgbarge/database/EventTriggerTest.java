package io.pgbarge.database;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.ddl.Section;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Event triggers: recreated in post-data on a superuser target, left out with a note otherwise. */
@Timeout(120)
class EventTriggerTest {
    private static final String FUNCTION = "CREATE SCHEMA audit;"
            + " CREATE FUNCTION audit.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;";
    private static final String TRIGGERS = "SELECT evtname, evtevent, evtfoid::regproc::text, evtenabled,"
            + " evttags::text, pg_get_userbyid(evtowner), obj_description(oid, 'pg_event_trigger')"
            + " FROM pg_event_trigger ORDER BY evtname";

    @ParameterizedTest(name = "PG {0} to PG {1}")
    @CsvSource({"13, 13", "17, 17", "16, 18", "17, 13"})
    void recreatesEventTriggers(int from, int to) throws Exception {
        TestDb source = TestServers.newDatabase(from, "evt_src");
        TestDb target = TestServers.newDatabase(to, "evt_tgt");
        source.exec(FUNCTION);
        target.exec(FUNCTION);
        source.exec("CREATE EVENT TRIGGER \"Log DDL\" ON ddl_command_end"
                + " WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION audit.on_ddl();"
                + " COMMENT ON EVENT TRIGGER \"Log DDL\" IS 'logs table DDL';"
                + " CREATE EVENT TRIGGER on_drop ON sql_drop EXECUTE FUNCTION audit.on_ddl();"
                + " ALTER EVENT TRIGGER on_drop DISABLE;"
                + " CREATE EVENT TRIGGER on_rewrite ON table_rewrite EXECUTE FUNCTION audit.on_ddl();"
                + " ALTER EVENT TRIGGER on_rewrite ENABLE ALWAYS;"
                + " CREATE EVENT TRIGGER on_start ON ddl_command_start EXECUTE FUNCTION audit.on_ddl();"
                + " ALTER EVENT TRIGGER on_start ENABLE REPLICA;");

        DatabaseRun run = DatabaseRun.read(source, target);
        assertThat(run.statements).allMatch(s -> s.section() == Section.POST_DATA);
        run.apply(target);

        assertThat(target.query(TRIGGERS)).isEqualTo(source.query(TRIGGERS)).hasSize(4);
        assertThat(run.notes).isEmpty();
    }

    @Test
    void leavesThemOutWithANoteWhenTheTargetLoginIsNotASuperuser() throws Exception {
        TestDb source = TestServers.newDatabase(17, "evt_src");
        TestDb target = TestServers.newDatabase(17, "evt_tgt");
        target.exec("DO $$ BEGIN CREATE ROLE evt_plain LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        source.exec(FUNCTION + " CREATE EVENT TRIGGER x ON ddl_command_end EXECUTE FUNCTION audit.on_ddl();");

        ServerInfo plain = new ServerInfo(170000, "17", target.name(), "evt_plain", false, "UTF8");
        DatabaseRun run = DatabaseRun.read(source, plain);

        assertThat(run.statements).noneMatch(s -> s.kind().equals("EVENT TRIGGER"));
        assertThat(run.notes).containsExactly(
                "event trigger x left out: creating event triggers needs a superuser on the target");
    }
}
