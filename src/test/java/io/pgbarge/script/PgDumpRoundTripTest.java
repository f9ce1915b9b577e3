package io.pgbarge.script;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.PgDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code pg_dump SRC | reader → TGT}, with Debian's pg_dump 15 and a database full of awkward content;
 * pg_dump of the target must equal pg_dump of the source.
 */
class PgDumpRoundTripTest {
    private static final Path PG_DUMP_15 = Path.of("/usr/lib/postgresql/15/bin/pg_dump");

    private static final String AWKWARD = String.join("\n",
            "CREATE SCHEMA \"odd schema\";",
            "CREATE TABLE \"odd schema\".\"Tab \"\"quoted\"\" name\" (id int PRIMARY KEY, \"semi;colon\" text, b bytea, t text);",
            "INSERT INTO \"odd schema\".\"Tab \"\"quoted\"\" name\" VALUES",
            "  (1, E'tab\\there', '\\x00ff5c3b0a'::bytea, E'line1\\nline2\\\\back\\\\slash; ''quote'' $$ $x$'),",
            "  (2, '\\.', NULL, E'\\\\.\\n\\\\.'),",
            "  (3, 'ünïcødé 𝄞 €', '', E'\\r\\n crlf'),",
            "  (4, NULL, NULL, '-- not a comment; /* nor this */');",
            "CREATE FUNCTION public.dq(x text) RETURNS text LANGUAGE plpgsql AS $fn$",
            "BEGIN",
            "  RETURN x || $$;'$$ || $q$;$f$q$; -- inner tags",
            "END;",
            "$fn$;",
            "CREATE FUNCTION public.atomic_f(x int) RETURNS text LANGUAGE sql",
            "BEGIN ATOMIC",
            "  SELECT CASE WHEN x > 0 THEN 'pos;' ELSE 'neg' END;",
            "END;",
            "CREATE PROCEDURE public.atomic_p(x int) LANGUAGE sql",
            "BEGIN ATOMIC",
            "  INSERT INTO \"odd schema\".\"Tab \"\"quoted\"\" name\" (id, t) VALUES (x, 'p;');",
            "  SELECT CASE x WHEN 1 THEN 1 ELSE 2 END;",
            "END;",
            "COMMENT ON TABLE \"odd schema\".\"Tab \"\"quoted\"\" name\" IS E'comment; with \\\\ backslash and ''quote''';",
            "CREATE VIEW public.v AS SELECT ';' AS semi, $$;$$ AS dollar;",
            "CREATE INDEX \"odd;index\" ON \"odd schema\".\"Tab \"\"quoted\"\" name\" ((\"semi;colon\" || ';'));",
            "CREATE TABLE public.lines (id serial PRIMARY KEY, doc text);",
            "INSERT INTO public.lines (doc) SELECT repeat(E'x\\t\\\\', g) FROM generate_series(1, 200) g;",
            "SELECT lo_from_bytea(0, 'large; object \\\\.'::bytea);");

    @Test
    @Timeout(300)
    void pgDumpPipedIntoTheReaderReproducesTheDatabase() throws Exception {
        assumeTrue(Files.isExecutable(PG_DUMP_15), "Debian's pg_dump 15 is not installed");
        TestDb src = TestServers.newDatabase(15, "script_src");
        TestDb tgt = TestServers.newDatabase(15, "script_tgt");
        try (Connection c = src.connect()) {
            // through the reader: pgjdbc alone cannot run a script with BEGIN ATOMIC bodies
            ScriptReplayer.replay(new java.io.ByteArrayInputStream(AWKWARD.getBytes(java.nio.charset.StandardCharsets.UTF_8)), c);
        }
        assertThat(src.scalar("SELECT public.atomic_f(1)")).isEqualTo("pos;");

        Process p = new ProcessBuilder(PG_DUMP_15.toString(), "--dbname=" + src.uri())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ScriptReplayer done;
        try (InputStream dump = p.getInputStream(); Connection c = tgt.connect()) {
            done = ScriptReplayer.replay(dump, c);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(done.copyBlocks).isEqualTo(2);
        assertThat(done.copiedRows).isEqualTo(204);
        assertThat(done.metaCommands).isEqualTo(2); // restrict and unrestrict

        assertThat(tgt.scalar("SELECT public.atomic_f(-1)")).isEqualTo("neg");
        assertThat(tgt.scalar("SELECT public.dq('a')")).isEqualTo("a;';$f");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo("1");

        if (PgDump.isAvailable()) {
            assertThat(PgDump.schemaOnly(tgt.uri())).isEqualTo(PgDump.schemaOnly(src.uri()));
            assertThat(PgDump.dataOnly(tgt.uri())).isEqualTo(PgDump.dataOnly(src.uri()));
            List<List<String>> rows = tgt.query("SELECT id, \"semi;colon\", encode(b, 'hex'), t FROM \"odd schema\".\"Tab \"\"quoted\"\" name\" ORDER BY id");
            assertThat(rows).isEqualTo(src.query("SELECT id, \"semi;colon\", encode(b, 'hex'), t FROM \"odd schema\".\"Tab \"\"quoted\"\" name\" ORDER BY id"));
        }
    }
}
