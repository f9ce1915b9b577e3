package io.pgbarge.script;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScriptReaderTest {

    private static List<String> sqls(String s) throws IOException {
        return ScriptItems.sqls(s);
    }

    private static ScriptFormatException error(String script) {
        try {
            ScriptItems.readAll(script);
        } catch (ScriptFormatException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for: " + script);
    }

    @Test
    void splitsOnSemicolonsAndDropsLeadingCommentsAndBlankLines() throws IOException {
        List<ScriptItems.Read> items = ScriptItems.readAll("--\n-- header\n--\n\nSET a = 1;\n\nSELECT 1; SELECT 2;\n-- trailing\n");
        assertThat(items).extracting(ScriptItems.Read::sql).containsExactly("SET a = 1;", "SELECT 1;", "SELECT 2;");
        assertThat(items).extracting(r -> r.item().line()).containsExactly(5L, 7L, 7L);
    }

    @Test
    void lastStatementWithoutSemicolonIsReturned() throws IOException {
        assertThat(sqls("SELECT 1;\nSELECT 2\n")).containsExactly("SELECT 1;", "SELECT 2\n");
    }

    @Test
    void emptyStatementsAndCommentOnlyStatementsAreSkipped() throws IOException {
        assertThat(sqls(";;\n/* nothing */;\nSELECT 1;")).containsExactly("SELECT 1;");
    }

    @Test
    void singleQuotesAndDoubledQuotes() throws IOException {
        assertThat(sqls("SELECT 'a;b', 'it''s; fine';SELECT 2;"))
                .containsExactly("SELECT 'a;b', 'it''s; fine';", "SELECT 2;");
    }

    @Test
    void backslashIsLiteralInStandardStringsButEscapesInEStrings() throws IOException {
        assertThat(sqls("SELECT 'a\\';SELECT 2;")).containsExactly("SELECT 'a\\';", "SELECT 2;");
        assertThat(sqls("SELECT E'a\\';b', e'\\\\';SELECT 2;"))
                .containsExactly("SELECT E'a\\';b', e'\\\\';", "SELECT 2;");
    }

    @Test
    void standardConformingStringsOffMakesBackslashAnEscape() throws IOException {
        String script = "SET standard_conforming_strings = off;\nSELECT 'a\\';b';\nSET standard_conforming_strings = on;\nSELECT 'c\\';SELECT 3;";
        assertThat(sqls(script)).containsExactly("SET standard_conforming_strings = off;", "SELECT 'a\\';b';",
                "SET standard_conforming_strings = on;", "SELECT 'c\\';", "SELECT 3;");
    }

    @Test
    void stringContinuesAcrossNewlineKeepingEscapeMode() throws IOException {
        assertThat(sqls("SELECT E'a'\n  '\\';still';SELECT 2;"))
                .containsExactly("SELECT E'a'\n  '\\';still';", "SELECT 2;");
    }

    @Test
    void prefixedStrings() throws IOException {
        assertThat(sqls("SELECT B'01;', X'ff;', N'x;', U&'d\\0061t;';SELECT 2;"))
                .containsExactly("SELECT B'01;', X'ff;', N'x;', U&'d\\0061t;';", "SELECT 2;");
        // an identifier that ends in e is not an E'' prefix
        assertThat(sqls("SELECT some'x\\';SELECT 2;")).containsExactly("SELECT some'x\\';", "SELECT 2;");
    }

    @Test
    void doubleQuotedIdentifiers() throws IOException {
        assertThat(sqls("CREATE TABLE \"a;\"\"b\" (\"x;\" int);SELECT 2;"))
                .containsExactly("CREATE TABLE \"a;\"\"b\" (\"x;\" int);", "SELECT 2;");
    }

    @Test
    void dollarQuotes() throws IOException {
        String fn = "CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $fn$\nBEGIN\n  RETURN $$;'$$ || $x$;$x$;\nEND;\n$fn$;";
        assertThat(sqls(fn + "\nSELECT 2;")).containsExactly(fn, "SELECT 2;");
        assertThat(sqls("SELECT $$a;b$$, $_$c;$_$;SELECT 2;")).containsExactly("SELECT $$a;b$$, $_$c;$_$;", "SELECT 2;");
        // a failed closing delimiter gives back its last '$': $a$ ... $b$a$ closes at $a$
        assertThat(sqls("SELECT $a$x;$b$a$;SELECT 2;")).containsExactly("SELECT $a$x;$b$a$;", "SELECT 2;");
        // identifiers and parameters with $ are not dollar quotes
        assertThat(sqls("SELECT a$b$, $1;SELECT 2;")).containsExactly("SELECT a$b$, $1;", "SELECT 2;");
    }

    @Test
    void commentsWithSemicolonsAndNestedBlockComments() throws IOException {
        assertThat(sqls("SELECT 1 -- a; comment\n, 2;SELECT /* x; /* nested; */ still; */ 3;"))
                .containsExactly("SELECT 1 -- a; comment\n, 2;", "SELECT /* x; /* nested; */ still; */ 3;");
        assertThat(sqls("/* lead; */ SELECT 1;")).containsExactly("/* lead; */ SELECT 1;");
    }

    @Test
    void parenthesesHoldSemicolons() throws IOException {
        assertThat(sqls("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));SELECT 2;"))
                .containsExactly("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));", "SELECT 2;");
    }

    @Test
    void beginAtomicBodiesWithCaseEnd() throws IOException {
        String f = "CREATE FUNCTION public.f(x integer) RETURNS text\n    LANGUAGE sql\n    BEGIN ATOMIC\n"
                + " SELECT CASE WHEN x > 0 THEN 'pos' ELSE 'neg' END;\n SELECT 'done;';\nEND;";
        String p = "CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END;";
        assertThat(sqls(f + "\n" + p + "\nSELECT 3;")).containsExactly(f, p, "SELECT 3;");
        // BEGIN outside a routine definition is a transaction
        assertThat(sqls("BEGIN;\nSELECT 1;\nEND;")).containsExactly("BEGIN;", "SELECT 1;", "END;");
        // in a routine, BEGIN inside parentheses does not count
        assertThat(sqls("CREATE FUNCTION g(begin int) RETURNS int LANGUAGE sql RETURN 1;SELECT 2;"))
                .containsExactly("CREATE FUNCTION g(begin int) RETURNS int LANGUAGE sql RETURN 1;", "SELECT 2;");
    }

    @Test
    void copyBlocksWithBackslashesTabsAndTerminator() throws IOException {
        String rows = "1\ta\\tb\\\\c\n2\t\\N\n3\tx\\.y\n";
        List<ScriptItems.Read> items = ScriptItems.readAll(
                "COPY public.t (id, v) FROM stdin;\n" + rows + "\\.\nSELECT 1;\n");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).item()).isInstanceOf(CopyBlock.class);
        assertThat(items.get(0).sql()).isEqualTo("COPY public.t (id, v) FROM stdin;");
        assertThat(items.get(0).rows()).isEqualTo(rows);
        assertThat(items.get(1).sql()).isEqualTo("SELECT 1;");
        assertThat(items.get(1).item().line()).isEqualTo(6);
    }

    @Test
    void emptyCopyBlockAndUnreadRowsAreSkipped() throws IOException {
        String script = "COPY a FROM stdin;\n\\.\nCOPY b (x) FROM STDIN;\n1\n2\n\\.\nSELECT 1;";
        try (SqlScriptReader r = new SqlScriptReader(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)))) {
            CopyBlock a = (CopyBlock) r.next();
            assertThat(a.rows().readAllBytes()).isEmpty();
            CopyBlock b = (CopyBlock) r.next();
            assertThat(b.line()).isEqualTo(3);
            ScriptStatement s = (ScriptStatement) r.next(); // b's rows never read
            assertThat(s.sql()).isEqualTo("SELECT 1;");
            assertThat(s.line()).isEqualTo(7);
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void copyToStdoutAndCopyFromFileAreStatements() throws IOException {
        List<ScriptItems.Read> items = ScriptItems.readAll("COPY t TO stdout;\nCOPY t FROM '/tmp/x';\nCOPY (SELECT 1) TO STDOUT;");
        assertThat(items).allMatch(r -> r.item() instanceof ScriptStatement);
    }

    @Test
    void crlfLineEndings() throws IOException {
        String script = "SET a = 1;\r\n-- c\r\nCOPY t FROM stdin;\r\n1\tx\r\n\\.\r\nSELECT 'x';\r\n\\set ON_ERROR_STOP on\r\n";
        List<ScriptItems.Read> items = ScriptItems.readAll(script);
        assertThat(items).extracting(ScriptItems.Read::sql)
                .containsExactly("SET a = 1;", "COPY t FROM stdin;", "SELECT 'x';", "\\set ON_ERROR_STOP on");
        assertThat(items.get(1).rows()).isEqualTo("1\tx\r\n");
        assertThat(((MetaCommand) items.get(3).item()).args()).containsExactly("ON_ERROR_STOP", "on");
        assertThat(items.get(3).item().line()).isEqualTo(7);
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
        byte[] body = "SELECT 1;".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(ScriptItems.readAll(withBom)).extracting(ScriptItems.Read::sql).containsExactly("SELECT 1;");
    }

    @Test
    void restrictAndUnrestrict() throws IOException {
        String script = "--\n\\restrict abc123\n\nSET a = 1;\n\\unrestrict abc123\n";
        List<ScriptItems.Read> items = ScriptItems.readAll(script);
        assertThat(items).hasSize(3);
        MetaCommand restrict = (MetaCommand) items.get(0).item();
        assertThat(restrict.name()).isEqualTo("restrict");
        assertThat(restrict.args()).containsExactly("abc123");
        assertThat(restrict.line()).isEqualTo(2);
        assertThat(((MetaCommand) items.get(2).item()).name()).isEqualTo("unrestrict");
    }

    @Test
    void restrictedModeRefusesOtherMetaCommands() {
        ScriptFormatException e = error("\\restrict k\nSELECT 1;\n\\! rm -rf /\n\\unrestrict k\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("line 3").contains("restricted mode").contains("line 1");
        assertThat(error("\\restrict k\n\\unrestrict other\n").getMessage()).contains("does not match");
    }

    @Test
    void restrictWithoutUnrestrictMeansTruncated() {
        ScriptFormatException e = error("\n\\restrict k\nSELECT 1;\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("truncated");
    }

    @Test
    void connectMetaCommands() throws IOException {
        List<ScriptItems.Read> items = ScriptItems.readAll("\\connect mydb\n\\c \"My\"\"Db\"\n"
                + "\\connect -reuse-previous=on \"dbname='my db'\"\n\\connect -reuse-previous=on \"dbname='it\\'s'\"\n");
        assertThat(items).extracting(r -> ((MetaCommand) r.item()).connectDatabase().orElse(null))
                .containsExactly("mydb", "My\"Db", "my db", "it's");
        assertThat(((MetaCommand) items.get(2).item()).args()).containsExactly("-reuse-previous=on", "dbname='my db'");
    }

    @Test
    void unknownMetaCommandsAreReturnedAndSqlContinuesAround() throws IOException {
        List<ScriptItems.Read> items = ScriptItems.readAll("SELECT 1\n\\gexec\n;\\echo 'hi there' x\nSELECT 2 \\; SELECT 3;");
        assertThat(items).extracting(ScriptItems.Read::sql)
                .containsExactly("\\gexec", "SELECT 1\n;", "\\echo hi there x", "SELECT 2 ; SELECT 3;");
        assertThat(((MetaCommand) items.get(2).item()).args()).containsExactly("hi there", "x");
        assertThat(items.get(2).item().line()).isEqualTo(3);
    }

    @Test
    void backslashDotOutsideCopyIsAnError() {
        ScriptFormatException e = error("SELECT 1;\n1\t2\n\\.\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("outside of COPY");
    }

    @Test
    void largeObjectStatementsAreOrdinary() throws IOException {
        assertThat(sqls("SELECT pg_catalog.lo_open('16385', 131072);\nSELECT pg_catalog.lowrite(0, '\\x48656c6c6f3b');\nSELECT pg_catalog.lo_close(0);"))
                .hasSize(3);
    }

    @Test
    void truncatedScriptsNameTheLineWhereTheConstructBegan() {
        assertThat(error("SELECT 1;\nSELECT 'abc\n;\n").line()).isEqualTo(2);
        assertThat(error("SELECT 1;\n\nSELECT E'ab\\'c;\n").line()).isEqualTo(3);
        assertThat(error("SELECT \"abc;\n").line()).isEqualTo(1);
        assertThat(error("SELECT 1;\nCREATE FUNCTION f() AS $body$\nBEGIN;\n").line()).isEqualTo(2);
        assertThat(error("SELECT 1; /* a\n /* b */ still open;\n").line()).isEqualTo(1);
        assertThat(error("SELECT 1;\nCREATE TABLE t (\n a int,\n").line()).isEqualTo(2);
        assertThat(error("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\n").line()).isEqualTo(2);
        ScriptFormatException copy = error("SELECT 1;\nCOPY t FROM stdin;\n1\n2\n");
        assertThat(copy.line()).isEqualTo(2);
        assertThat(copy.getMessage()).contains("line 2").contains("\\.");
        assertThat(error("COPY t FROM stdin;\n1\n2").line()).isEqualTo(1);
        assertThat(error("SELECT 'x").getMessage()).startsWith("line 1: ").contains("quoted string");
    }

    @Test
    void clientEncodingLatin1AppliesToTheBytesThatFollow() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("SELECT 'é';\nSET client_encoding = 'LATIN1';\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("SELECT 'é';\nCOPY t FROM stdin;\nü\t\\\\\n\\.\n".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes("SET client_encoding TO 'UTF8';\nSELECT 'ß';\n".getBytes(StandardCharsets.UTF_8));
        List<ScriptItems.Read> items = ScriptItems.readAll(b.toByteArray());
        assertThat(items).extracting(ScriptItems.Read::sql).containsExactly("SELECT 'é';", "SET client_encoding = 'LATIN1';",
                "SELECT 'é';", "COPY t FROM stdin;", "SET client_encoding TO 'UTF8';", "SELECT 'ß';");
        assertThat(items.get(3).rows()).isEqualTo("ü\t\\\\\n");
    }

    @Test
    void win1252AndSqlAscii() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("SET client_encoding = 'WIN1252';\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("SELECT '€';\n".getBytes(java.nio.charset.Charset.forName("windows-1252")));
        b.writeBytes("SET client_encoding = 'SQL_ASCII';\nCOPY t FROM stdin;\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {(byte) 0xE9, (byte) 0xFF, '\n', '\\', '.', '\n'});
        try (SqlScriptReader r = new SqlScriptReader(new ByteArrayInputStream(b.toByteArray()))) {
            r.next();
            assertThat(((ScriptStatement) r.next()).sql()).isEqualTo("SELECT '€';");
            r.next();
            assertThat(r.clientEncoding().isRaw()).isTrue();
            CopyBlock c = (CopyBlock) r.next();
            assertThat(c.rows().readAllBytes()).containsExactly((byte) 0xE9, (byte) 0xFF, (byte) '\n');
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void invalidUtf8NamesTheLine() {
        byte[] bad = {'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';', '\n', 'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xE9, '\'', ';'};
        assertThatThrownBy(() -> ScriptItems.readAll(bad)).isInstanceOf(ScriptFormatException.class)
                .hasMessageContaining("line 2").hasMessageContaining("UTF8");
    }

    @Test
    void supplementaryCharacters() throws IOException {
        assertThat(sqls("SELECT '𝄞;', \"𝄞\";SELECT 2;")).containsExactly("SELECT '𝄞;', \"𝄞\";", "SELECT 2;");
    }

    @Test
    void setClientEncodingToAnUnknownEncodingIsAnError() {
        assertThat(error("SELECT 1;\nSET client_encoding = 'KLINGON';\n").line()).isEqualTo(2);
    }

    @Test
    void statementLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> {
            try (SqlScriptReader r = new SqlScriptReader(new ByteArrayInputStream("SELECT 'xxxxxxxxxxxxxxxxxxxxxxxxxx';".getBytes(StandardCharsets.UTF_8)))) {
                r.maxStatementLength(10).next();
            }
        }).isInstanceOf(ScriptFormatException.class).hasMessageContaining("longer than 10");
    }
}
