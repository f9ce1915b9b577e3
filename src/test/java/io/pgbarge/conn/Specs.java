package io.pgbarge.conn;

import java.nio.file.Path;
import java.util.Map;

/** Parsing with a made-up environment, so that no test depends on the machine's PG* variables or files. */
final class Specs {
    static final String OS_USER = "osuser";

    private Specs() {
    }

    static ConnectionSpec parse(String text) {
        return parse(text, Map.of());
    }

    static ConnectionSpec parse(String text, Map<String, String> env) {
        return ConnectionStrings.parse(text, new ClientEnvironment(env, OS_USER, null, null));
    }

    static ConnectionSpec parse(String text, Map<String, String> env, Path passFile, Path certDir) {
        return ConnectionStrings.parse(text, new ClientEnvironment(env, OS_USER, passFile, certDir));
    }
}
