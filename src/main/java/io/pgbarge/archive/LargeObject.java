package io.pgbarge.archive;

import java.io.InputStream;

/**
 * One large object read from a BLOBS entry: its OID (uint32) and its decompressed bytes. The
 * stream is valid until the next call of {@link LargeObjectReader#next()} or its close.
 */
public record LargeObject(long oid, InputStream data) {
}
