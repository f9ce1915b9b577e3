package io.pgbarge.catalog;

import java.util.List;

/**
 * A foreign-data wrapper that is not an extension's (CREATE EXTENSION postgres_fdw makes its own).
 *
 * @param handler    the handler function as regproc text (schema-qualified), or null
 * @param validator  the validator function as regproc text, or null
 * @param options    fdwoptions, {@code name=value} each
 * @param acl        fdwacl as text, or null for the defaults
 * @param defaultAcl acldefault('F', owner) as text
 */
public record ForeignDataWrapper(long oid, String name, String owner, String handler, String validator,
                                 List<String> options, String comment, String acl, String defaultAcl) {
    public ForeignDataWrapper {
        options = List.copyOf(options);
    }
}
