package io.pgbarge.conn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
    @TempDir
    Path dir;

    private Path pgpass(String content) throws IOException {
        return pgpass("pgpass", content, "rw-------");
    }

    private Path pgpass(String name, String content, String permissions) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private ConnectionSpec parse(String text, Path passFile) {
        return Specs.parse(text, Map.of(), passFile, null);
    }

    @Test
    void findsTheMatchingLine() throws IOException {
        Path file = pgpass("other:5432:app:bob:wrong\ndb:5432:app:bob:right\n");
        ConnectionSpec s = parse("postgresql://bob@db/app", file);
        assertThat(s.password()).isEqualTo("right");
        assertThat(s.passwordSource()).isEqualTo(PasswordSource.PASSWORD_FILE);
        assertThat(s.passfile()).isEqualTo(file);
    }

    @Test
    void firstMatchWins() throws IOException {
        Path file = pgpass("db:5432:app:bob:first\n*:*:*:*:second\n");
        assertThat(parse("postgresql://bob@db/app", file).password()).isEqualTo("first");
    }

    @Test
    void aStarFieldMatchesAnything() throws IOException {
        Path file = pgpass("*:*:*:bob:any\n");
        assertThat(parse("postgresql://bob@x:6000/y", file).password()).isEqualTo("any");
        assertThat(parse("postgresql://ann@x:6000/y", file).password()).isNull();
    }

    @Test
    void aStarIsNotAGlob() throws IOException {
        Path file = pgpass("db*:*:*:*:glob\n");
        assertThat(parse("postgresql://bob@db1/app", file).password()).isNull();
    }

    @Test
    void portAndDatabaseDefaultsTakePart() throws IOException {
        Path file = pgpass("db:5433:*:bob:nope\ndb:5432:bob:bob:yes\n");
        assertThat(parse("host=db user=bob", file).password()).isEqualTo("yes");
    }

    @Test
    void localhostMatchesTheDefaultHost() throws IOException {
        Path file = pgpass("localhost:5432:*:bob:local\n");
        assertThat(parse("user=bob", file).password()).isEqualTo("local");
        assertThat(parse("postgresql://bob@/d", file).password()).isEqualTo("local");
    }

    @Test
    void backslashEscapesColonAndBackslash() throws IOException {
        Path file = pgpass("::1:5432:we\\:ird\\\\db:bob:pa\\:ss\\\\word\n");
        // "::1" starts with ':' so the first field is empty and does not match ::1; an escaped one does
        Path escaped = pgpass("escaped", "\\:\\:1:5432:we\\:ird\\\\db:bob:pa\\:ss\\\\word\n", "rw-------");
        assertThat(parse("host=::1 dbname='we:ird\\\\db' user=bob", file).password()).isNull();
        assertThat(parse("host=::1 dbname='we:ird\\\\db' user=bob", escaped).password()).isEqualTo("pa:ss\\word");
    }

    @Test
    void thePasswordEndsAtAnUnescapedColon() throws IOException {
        Path file = pgpass("db:5432:app:bob:pw:trailing\n");
        assertThat(parse("postgresql://bob@db/app", file).password()).isEqualTo("pw");
    }

    @Test
    void skipsCommentsBlankLinesAndCarriageReturns() throws IOException {
        Path file = pgpass("# db:5432:app:bob:commented\n\r\n\ndb:5432:app:bob:real\r\n");
        assertThat(parse("postgresql://bob@db/app", file).password()).isEqualTo("real");
    }

    @Test
    void aFileOthersCanReadIsIgnoredWithAWarning() throws IOException {
        Path file = pgpass("open", "*:*:*:*:leaked\n", "rw-r--r--");
        ConnectionSpec s = parse("postgresql://bob@db/app", file);
        assertThat(s.password()).isNull();
        assertThat(s.warnings()).singleElement().asString()
                .contains(file.toString()).contains("group or world access").contains("0600");
        Path groupOnly = pgpass("group", "*:*:*:*:leaked\n", "rw-r-----");
        assertThat(parse("postgresql://bob@db/app", groupOnly).password()).isNull();
    }

    @Test
    void aDirectoryIsNotAPasswordFile() {
        ConnectionSpec s = parse("postgresql://bob@db/app", dir);
        assertThat(s.password()).isNull();
        assertThat(s.warnings()).singleElement().asString().contains("not a plain file");
    }

    @Test
    void aMissingFileIsSilentlyNone() {
        ConnectionSpec s = parse("postgresql://bob@db/app", dir.resolve("absent"));
        assertThat(s.password()).isNull();
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void pgpassfileAndPassfileChooseTheFile() throws IOException {
        Path home = pgpass("home", "*:*:*:*:home\n", "rw-------");
        Path env = pgpass("env", "*:*:*:*:env\n", "rw-------");
        Path kw = pgpass("kw", "*:*:*:*:keyword\n", "rw-------");
        assertThat(Specs.parse("host=h", Map.of(), home, null).password()).isEqualTo("home");
        assertThat(Specs.parse("host=h", Map.of("PGPASSFILE", env.toString()), home, null).password())
                .isEqualTo("env");
        assertThat(Specs.parse("host=h passfile=" + kw, Map.of("PGPASSFILE", env.toString()), home, null)
                .password()).isEqualTo("keyword");
    }

    @Test
    void aGivenPasswordWinsOverTheFile() throws IOException {
        Path file = pgpass("*:*:*:*:file\n");
        assertThat(parse("postgresql://bob:given@db/app", file).password()).isEqualTo("given");
        assertThat(Specs.parse("host=h", Map.of("PGPASSWORD", "env"), file, null).password()).isEqualTo("env");
    }

    @Test
    void anEmptyPasswordStillConsultsTheFile() throws IOException {
        Path file = pgpass("*:*:*:*:file\n");
        assertThat(parse("host=h password=''", file).password()).isEqualTo("file");
    }

    @Test
    void eachHostIsLookedUpAndTheFirstFoundIsUsed() throws IOException {
        Path file = pgpass("h2:5432:d:bob:second\n");
        assertThat(parse("postgresql://bob@h1,h2/d", file).password()).isEqualTo("second");
    }

    @Test
    void anotherDatabaseLooksThePasswordUpAgain() throws IOException {
        Path file = pgpass("db:5432:app:bob:apppw\ndb:5432:postgres:bob:pgpw\n");
        ConnectionSpec s = parse("postgresql://bob@db/app", file);
        assertThat(s.withDatabase("postgres").password()).isEqualTo("pgpw");
        assertThat(s.withDatabase("other").password()).isEqualTo("apppw");
        assertThat(s.withDatabase("other").database()).isEqualTo("other");
    }
}
