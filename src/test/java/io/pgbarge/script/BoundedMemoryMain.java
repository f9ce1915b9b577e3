package io.pgbarge.script;

import java.io.InputStream;

/**
 * Reads a generated script of N rows and prints "items rows bytes", for a run in a JVM with a tiny heap
 * ({@link LargeScriptTest}).
 */
public final class BoundedMemoryMain {
    private BoundedMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        int items = 0;
        long rowLines = 0;
        long bytes = 0;
        byte[] buf = new byte[32 * 1024];
        try (SqlScriptReader r = new SqlScriptReader(new GeneratedScript(rows))) {
            for (ScriptItem it = r.next(); it != null; it = r.next()) {
                items++;
                if (it instanceof CopyBlock c) {
                    try (InputStream in = c.rows()) {
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            bytes += n;
                            for (int i = 0; i < n; i++) {
                                if (buf[i] == '\n') {
                                    rowLines++;
                                }
                            }
                        }
                    }
                }
            }
            System.out.println(items + " " + rowLines + " " + bytes + " " + r.peakBufferBytes());
        }
    }
}
