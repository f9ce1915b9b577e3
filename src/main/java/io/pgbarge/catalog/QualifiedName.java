package io.pgbarge.catalog;

/** Another object that one names, by schema, name and OID (for ordering). */
public record QualifiedName(String schema, String name, long oid) {
}
