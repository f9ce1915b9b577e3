package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(300)
class CopySmokeTest {
    @Test
    void copiesTablesRowsIndexesAndForeignKeysThroughTheCli() throws Exception {
        TestDb src = TestServers.newDatabase(17, "smoke_src");
        TestDb tgt = TestServers.newDatabase(17, "smoke_tgt");
        src.exec("""
                CREATE SCHEMA app;
                CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
                CREATE TABLE app.author (id serial PRIMARY KEY, name text NOT NULL UNIQUE, mood app.mood);
                CREATE TABLE app.book (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    author_id int NOT NULL REFERENCES app.author(id), title text, price numeric(10,2) CHECK (price >= 0));
                CREATE INDEX book_title ON app.book (lower(title));
                INSERT INTO app.author (name, mood) SELECT 'author ' || i, 'ok' FROM generate_series(1, 500) i;
                INSERT INTO app.book (author_id, title, price) SELECT 1 + i % 500, 'title ' || i, i / 10.0 FROM generate_series(1, 5000) i;
                CREATE VIEW app.cheap AS SELECT * FROM app.book WHERE price < 10;
                """);
        int code = Main.execute("copy", src.uri(), tgt.uri(), "--no-progress", "-j", "2", "-v");
        assertThat(code).isEqualTo(0);
        assertThat(tgt.scalar("SELECT count(*) FROM app.book")).isEqualTo("5000");
        assertThat(tgt.scalar("SELECT count(*) FROM app.author")).isEqualTo("500");
        assertThat(tgt.scalar("SELECT count(*) FROM app.cheap")).isEqualTo(src.scalar("SELECT count(*) FROM app.cheap"));
        assertThat(tgt.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"))
                .isEqualTo("1");
        assertThat(tgt.scalar("SELECT pg_get_indexdef('app.book_title'::regclass)"))
                .isEqualTo(src.scalar("SELECT pg_get_indexdef('app.book_title'::regclass)"));
        // identity and serial sequences continue where the source left off
        tgt.exec("INSERT INTO app.author (name) VALUES ('new')");
        assertThat(tgt.scalar("SELECT max(id) FROM app.author")).isEqualTo("501");

        // a second copy into the same target is refused, naming what exists ...
        assertThat(Main.execute("copy", src.uri(), tgt.uri(), "--no-progress")).isEqualTo(4);
        // ... and --clean replaces it
        assertThat(Main.execute("copy", src.uri(), tgt.uri(), "--no-progress", "--clean")).isEqualTo(0);
        assertThat(tgt.scalar("SELECT count(*) FROM app.author")).isEqualTo("500");
    }
}
