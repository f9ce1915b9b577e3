package io.pgbarge.ddl;

import io.pgbarge.catalog.Aggregate;
import io.pgbarge.catalog.BaseType;
import io.pgbarge.catalog.CompositeType;
import io.pgbarge.catalog.DomainType;
import io.pgbarge.catalog.EnumType;
import io.pgbarge.catalog.Extension;
import io.pgbarge.catalog.Function;
import io.pgbarge.catalog.RangeType;
import io.pgbarge.catalog.Schema;
import io.pgbarge.catalog.SchemaObjects;
import io.pgbarge.catalog.Sequence;
import io.pgbarge.catalog.View;

import java.util.ArrayList;
import java.util.List;

/**
 * Statements for schemas, extensions, types, functions, aggregates, sequences and views, in a
 * readable order (kind by kind); the planner orders them for real by their keys and pg_depend.
 */
public final class SchemaObjectsDdl {
    private SchemaObjectsDdl() {
    }

    public static List<Statement> statements(SchemaObjects objects, DdlContext ctx) {
        List<Statement> out = new ArrayList<>();
        for (Schema s : objects.schemas()) {
            out.addAll(SchemaDdl.statements(s, ctx));
        }
        for (Extension x : objects.extensions()) {
            out.addAll(ExtensionDdl.statements(x, ctx));
        }
        for (BaseType t : objects.baseTypes()) {
            out.addAll(BaseTypeDdl.statements(t));
        }
        for (EnumType t : objects.enums()) {
            out.addAll(TypeDdl.enumType(t, ctx));
        }
        for (RangeType t : objects.ranges()) {
            out.addAll(TypeDdl.range(t, ctx));
        }
        for (DomainType t : objects.domains()) {
            out.addAll(TypeDdl.domain(t, ctx));
        }
        for (CompositeType t : objects.composites()) {
            out.addAll(TypeDdl.composite(t, ctx));
        }
        for (Function f : objects.functions()) {
            out.addAll(FunctionDdl.statements(f, ctx));
        }
        for (Aggregate a : objects.aggregates()) {
            out.addAll(AggregateDdl.statements(a, ctx));
        }
        for (Sequence s : objects.sequences()) {
            out.addAll(SequenceDdl.statements(s, ctx));
        }
        for (View v : objects.views()) {
            out.addAll(ViewDdl.statements(v, ctx));
        }
        return BaseTypeDdl.waitForShells(out, objects.baseTypes());
    }
}
