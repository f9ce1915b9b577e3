package io.pgbarge.catalog;

import java.util.List;

/**
 * A foreign server (pg_foreign_server).
 *
 * @param wrapper    the name of its foreign-data wrapper
 * @param type       srvtype, or null
 * @param version    srvversion, or null
 * @param options    srvoptions, {@code name=value} each
 * @param acl        srvacl as text, or null for the defaults
 * @param defaultAcl acldefault('S', owner) as text
 */
public record ForeignServer(long oid, String name, String wrapper, String owner, String type, String version,
                            List<String> options, String comment, String acl, String defaultAcl) {
    public ForeignServer {
        options = List.copyOf(options);
    }
}
