package io.pgbarge.restore;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * restore --verify: the target's rows compared with the archive's own, line by line as COPY text —
 * the archive side hashed while it streams in, the target side read back afterwards.
 */
@Timeout(600)
class RestoreVerifyTest {

    @Test
    void pagilaRestoredWithVerifyIsEqual() throws Exception {
        TestDb db = TestServers.newDatabase(16, "rver_pagila");
        RestoreFixtures.Run r = RestoreFixtures.restore(RestoreFixtures.archive("pagila_neon.Fc.dump").toString(),
                "-d", db.uri(), "-j", "2", "--verify");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
        // every leaf partition of payment and the big tables, with the archive's counts
        assertThat(r.out()).containsPattern("verified \\d+ tables \\([0-9,]+ rows\\), \\d+ sequences in .*:"
                + " archive and target are equal");
        assertThat(r.out()).doesNotContain("differs");
    }

    @Test
    void aRowChangedOnTheTargetAsItLoadsIsNamed() throws Exception {
        String archive = RestoreFixtures.archive("pagila_neon.Fc.dump").toString();
        TestDb db = TestServers.newDatabase(16, "rver_changed");
        RestoreFixtures.Run schema = RestoreFixtures.restore(archive, "-d", db.uri(), "-s");
        assertThat(schema.exit()).as(schema.err()).isEqualTo(ExitCode.OK);
        // the pre-existing table changes one value of one row on insert
        db.exec("CREATE FUNCTION public.tamper() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF NEW.actor_id = 7 THEN NEW.last_name := 'TAMPERED'; END IF; RETURN NEW; END $$;"
                + "CREATE TRIGGER tamper BEFORE INSERT ON public.actor FOR EACH ROW EXECUTE FUNCTION public.tamper()");

        // and one table already holds a row the archive does not have
        db.exec("INSERT INTO public.language (language_id, name) VALUES (100, 'Klingon')");

        RestoreFixtures.Run r = RestoreFixtures.restore(archive, "-d", db.uri(), "-a", "-t", "actor", "-t", "language",
                "-t", "category", "--verify");

        assertThat(db.scalar("SELECT last_name FROM public.actor WHERE actor_id = 7")).as(r.out() + r.err())
                .isEqualTo("TAMPERED");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.MISMATCH);
        assertThat(r.out()).containsPattern("table public\\.actor: content differs \\(checksum\\) — same row count \\(200\\),"
                + " checksum archive [0-9a-f]{32} target [0-9a-f]{32}");
        assertThat(r.out()).contains("table public.language: rows archive 6 target 7")
                .doesNotContain("table public.category:").contains("2 differences found");
    }

    @Test
    void aPlainScriptDumpedInAnotherTimeZoneIsEqual(@TempDir Path dir) throws Exception {
        // timestamps with time zone as pg_dump writes them in a session whose TimeZone is Europe/Berlin
        Path script = dir.resolve("tz.sql");
        Files.writeString(script, """
                SET client_encoding = 'UTF8';
                SET standard_conforming_strings = on;
                CREATE TABLE public.events (id integer PRIMARY KEY, at timestamp with time zone, ats timestamptz[],
                    note text, span tstzrange);
                CREATE SEQUENCE public.events_seq;
                COPY public.events (id, at, ats, note, span) FROM stdin;
                1	2024-03-01 13:00:00+01	{"2024-07-01 14:30:00.25+02","2024-01-01 01:00:00+01"}	Grüße\\ttab	["2024-03-01 13:00:00+01","2024-03-02 13:00:00+01")
                2	\\N	\\N	\\N	\\N
                3	0044-03-15 12:53:28+00:53:28 BC	{}	looks like 2024-03-01 13:00:00+01	empty
                \\.
                SELECT pg_catalog.setval('public.events_seq', 3, true);
                CREATE TABLE public.inserted (id integer);
                INSERT INTO public.inserted VALUES (1);
                """, StandardCharsets.UTF_8);
        TestDb db = TestServers.newDatabase(17, "rver_plain");
        RestoreFixtures.Run r = RestoreFixtures.restore(script.toString(), "-d", db.uri(), "--verify");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("verified 1 tables (3 rows), 1 sequences").contains("archive and target are equal");
        assertThat(r.out()).contains("note: data of public.inserted is INSERT statements in the script"
                + " (pg_dump --inserts): not compared");
        assertThat(db.scalar("SELECT at AT TIME ZONE 'UTC' FROM public.events WHERE id = 1")).isEqualTo("2024-03-01 12:00:00");
    }
}
