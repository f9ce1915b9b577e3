package io.pgbarge.archive;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Shared helpers of the archive tests. */
final class ArchiveTestSupport {

    private ArchiveTestSupport() {
    }

    /** The shared archives directory, or skip the test. */
    static Path sharedArchives() {
        String d = System.getProperty("pgbarge.datasets");
        assumeTrue(d != null, "pgbarge.datasets is not set");
        Path p = Path.of(d, "archives");
        assumeTrue(Files.isDirectory(p), "no shared archives at " + p);
        return p;
    }

    static String md5(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[65536];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
            return String.format("%032x", new BigInteger(1, md.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String md5(byte[] b) {
        try {
            return String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(b)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** md5 of every data entry but BLOBS, keyed by "DESC namespace.tag", in file order. */
    static Map<String, String> dataMd5s(Archive a) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (TocEntry e : a.entries()) {
            if (e.hasData() && !e.isLargeObjects()) {
                try (InputStream in = a.openData(e)) {
                    out.put(e.desc() + " " + e.namespace() + "." + e.tag(), md5(in));
                }
            }
        }
        return out;
    }

    /** md5 of every large object, keyed by OID, in archive order. */
    static Map<Long, String> largeObjectMd5s(Archive a) throws IOException {
        Map<Long, String> out = new LinkedHashMap<>();
        for (TocEntry e : a.entries()) {
            if (e.hasData() && e.isLargeObjects()) {
                try (LargeObjectReader r = a.openLargeObjects(e)) {
                    LargeObject lo;
                    while ((lo = r.next()) != null) {
                        out.put(lo.oid(), md5(lo.data()));
                    }
                }
            }
        }
        return out;
    }

    /** The entry lines (not the ";" comments) of a listing. */
    static List<String> entryLines(String listing) {
        return listing.lines().filter(l -> !l.startsWith(";")).collect(Collectors.toList());
    }
}
