package io.pgbarge.schemaobjects;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.catalog.SchemaObjects;
import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.ddl.DdlContext;
import io.pgbarge.ddl.SchemaObjectsDdl;
import io.pgbarge.ddl.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pagila's schema (the pre-data part of its plain dump) read back: the objects of our kinds are the
 * ones pg_dump 15 listed in its archive's table of contents.
 */
@Timeout(300)
class PagilaSchemaObjectsTest {

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {13, 17})
    void readsWhatPgDumpListed(int major) throws Exception {
        Path datasets = TestServers.datasets();
        Assumptions.assumeTrue(datasets != null, "no shared datasets");
        TestDb db = TestServers.newDatabase(major, "so_pagila");
        db.exec(preData(datasets.resolve("pagila/pagila.sql")));

        List<Statement> statements;
        try (Connection c = db.connect()) {
            ServerInfo info = ServerInfo.read(c);
            statements = SchemaObjectsDdl.statements(SchemaObjects.read(c, info), new DdlContext(info, info));
        }
        Set<String> ours = statements.stream().map(Statement::creates).filter(Objects::nonNull)
                .map(PagilaSchemaObjectsTest::tocName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(ours).isEqualTo(listed(datasets.resolve("archives/pagila_neon.Fc.list")));

        assertThat(statements).filteredOn(s -> s.kind().equals("AGGREGATE")).extracting(Statement::sql)
                .containsExactly("CREATE AGGREGATE public.group_concat(text) (\n"
                        + "    SFUNC = public._group_concat,\n    STYPE = text\n)");
        // pagila's sequences are stand-alone (its tables name them in nextval defaults), not OWNED BY
        assertThat(statements).filteredOn(s -> s.kind().equals("SEQUENCE OWNED BY")).isEmpty();
        assertThat(statements).filteredOn(s -> s.kind().equals("SEQUENCE SET")).hasSize(13);
    }

    /** pg_dump names functions in its TOC by input types only, as our regprocedure lookups do. */
    private static String tocName(Statement.Created cr) {
        String lookup = cr.lookup();
        if (lookup.startsWith("pg_catalog.to_regprocedure('")) {
            return cr.objectType() + " " + lookup.substring(lookup.indexOf('\'') + 1, lookup.lastIndexOf('\''));
        }
        return cr.objectType() + " " + cr.identity();
    }

    /** The plain dump up to its first COPY, without psql's backslash commands. */
    private static String preData(Path dump) throws Exception {
        StringBuilder sql = new StringBuilder();
        for (String line : Files.readAllLines(dump, StandardCharsets.UTF_8)) {
            if (line.startsWith("COPY ")) {
                break;
            }
            if (!line.startsWith("\\")) {
                sql.append(line).append('\n');
            }
        }
        return sql.toString();
    }

    /** pg_restore -l lines of our kinds, as "TYPE schema.name(args)" with names quoted as we quote them. */
    private static Set<String> listed(Path list) throws Exception {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (line.startsWith(";") || f.length < 6) {
                continue;
            }
            String kind = f[3];
            int nameAt = 4;
            if (kind.equals("MATERIALIZED") && f[4].equals("VIEW") && !line.contains("VIEW DATA")) {
                kind = "MATERIALIZED VIEW";
                nameAt = 5;
            } else if (!Set.of("FUNCTION", "AGGREGATE", "SEQUENCE", "VIEW", "TYPE", "DOMAIN").contains(kind)
                    || f[4].equals("OWNED") || f[4].equals("SET")) {
                continue;
            }
            String schema = f[nameAt];
            String rest = line.substring(line.indexOf(" " + schema + " ", line.indexOf(kind)) + schema.length() + 2,
                    line.lastIndexOf(' '));
            int paren = rest.indexOf('(');
            String name = paren < 0 ? rest : rest.substring(0, paren);
            String args = paren < 0 ? "" : rest.substring(paren);
            out.add(kind + " " + io.pgbarge.ddl.Sql.qualified(schema, name) + args);
        }
        return out;
    }
}
