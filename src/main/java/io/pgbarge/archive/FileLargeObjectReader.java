package io.pgbarge.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/** Large objects stored one per file (directory format) or tar member, listed by a blobs toc. */
final class FileLargeObjectReader implements LargeObjectReader {

    /** Opens the decompressed data of one listed file. */
    interface Opener {
        InputStream open(String fileName) throws IOException;
    }

    private final Iterator<LargeObjectToc.Item> items;
    private final Opener opener;
    private InputStream current;

    FileLargeObjectReader(List<LargeObjectToc.Item> items, Opener opener) {
        this.items = items.iterator();
        this.opener = opener;
    }

    @Override
    public LargeObject next() throws IOException {
        closeCurrent();
        if (!items.hasNext()) {
            return null;
        }
        LargeObjectToc.Item item = items.next();
        current = opener.open(item.fileName());
        return new LargeObject(item.oid(), current);
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            InputStream c = current;
            current = null;
            c.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }
}
