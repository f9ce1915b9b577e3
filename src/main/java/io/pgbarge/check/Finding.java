package io.pgbarge.check;

import java.util.List;
import java.util.Objects;

/**
 * One result of {@code pgbarge check}: how bad it is, a stable code for scripts
 * ({@code target-not-superuser}), the objects concerned, what is wrong and what to do about it.
 *
 * @param severity BLOCKER, WARNING or INFO
 * @param code     short, stable, kebab-case, e.g. {@code extension-missing}
 * @param objects  the objects concerned ("extension hstore", "table public.t"), possibly empty
 * @param problem  what is wrong or what will happen, one sentence
 * @param fix      what a DBA can do, one or two sentences; empty when nothing needs doing
 */
public record Finding(Severity severity, String code, List<String> objects, String problem, String fix) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        objects = objects == null ? List.of() : List.copyOf(objects);
        problem = Objects.requireNonNull(problem, "problem");
        fix = fix == null ? "" : fix;
    }

    public static Finding blocker(String code, List<String> objects, String problem, String fix) {
        return new Finding(Severity.BLOCKER, code, objects, problem, fix);
    }

    public static Finding warning(String code, List<String> objects, String problem, String fix) {
        return new Finding(Severity.WARNING, code, objects, problem, fix);
    }

    public static Finding info(String code, List<String> objects, String problem, String fix) {
        return new Finding(Severity.INFO, code, objects, problem, fix);
    }

    public boolean isBlocker() {
        return severity == Severity.BLOCKER;
    }
}
