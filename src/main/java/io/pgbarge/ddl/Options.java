package io.pgbarge.ddl;

import java.util.List;
import java.util.stream.Collectors;

/** Storage parameters (reloptions, attoptions) as written in WITH (…) and SET (…). */
final class Options {
    private Options() {
    }

    /**
     * {@code fillfactor='70', toast.autovacuum_enabled='false'}: each value quoted as a literal, which
     * every parameter accepts, so that no value needs to be parsed.
     */
    static String list(List<String> options, String prefix) {
        return options.stream().map(o -> {
            int eq = o.indexOf('=');
            return eq < 0 ? prefix + o : prefix + o.substring(0, eq) + "=" + Sql.literal(o.substring(eq + 1));
        }).collect(Collectors.joining(", "));
    }
}
