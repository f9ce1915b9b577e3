package io.pgbarge.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which job a journal belongs to, so that {@code --resume} continues the same job and nothing else.
 *
 * @param kind        "copy" or "restore"
 * @param identity    what makes two runs the same job: source and target servers, databases and logins
 *                    (never passwords), or the archive's path and the target
 * @param description for messages: {@code copy db1:5432/shop as app → neon…/shop as alice}
 * @param fingerprint what must not have changed for a resume to be sound (an archive's size and
 *                    modification time); empty when nothing applies
 * @param options     the options that shape the plan; a resume with other ones is refused
 */
public record JobIdentity(String kind, String identity, String description, String fingerprint, String options) {

    public JobIdentity {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(description);
        fingerprint = fingerprint == null ? "" : fingerprint;
        options = options == null ? "" : options;
    }

    /** The journal's file name: the kind and a hash of the identity, e.g. {@code copy-3f9a0c1e2b7d4a55.journal}. */
    public String fileName() {
        return kind + "-" + hash(kind + "\n" + identity) + ".journal";
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
