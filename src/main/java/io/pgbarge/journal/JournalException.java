package io.pgbarge.journal;

/** A journal that cannot be used as asked: the message says why and what to run instead. */
public final class JournalException extends Exception {
    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
