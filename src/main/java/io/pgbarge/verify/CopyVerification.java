package io.pgbarge.verify;

import io.pgbarge.catalog.Catalog;
import io.pgbarge.copy.AfterCopy;
import io.pgbarge.copy.SnapshotHolder;
import io.pgbarge.exec.ConnectionSource;

/**
 * {@code copy --verify}: the verification of {@code pgbarge verify}, run at the end of the copy in the
 * copy's own source snapshot, so that a source written to during the copy shows no false differences.
 * A verification that cannot be done does not fail the copy (its rows are in): it is kept as
 * {@link #failure()} for the caller to report.
 *
 * <pre>
 * CopyVerification v = new CopyVerification(src, tgt, options, VerifyProgress.NONE);
 * new DatabaseCopy(src, tgt, copyOptions, progress).run(v);
 * if (v.report() != null &amp;&amp; !v.report().equal()) …
 * </pre>
 */
public final class CopyVerification implements AfterCopy {
    private final ConnectionSource source;
    private final ConnectionSource target;
    private final VerifyOptions options;
    private final VerifyProgress progress;
    private volatile VerifyReport report;
    private volatile VerifyFailedException failure;

    public CopyVerification(ConnectionSource source, ConnectionSource target, VerifyOptions options,
                            VerifyProgress progress) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.progress = progress;
    }

    @Override
    public void run(SnapshotHolder snapshot, Catalog catalog) throws InterruptedException {
        try {
            report = new DatabaseVerify(source, target, options, progress).runInSnapshot(snapshot, catalog);
        } catch (VerifyFailedException e) {
            failure = e;
        }
    }

    /** The report, or null when the verification did not run or failed. */
    public VerifyReport report() {
        return report;
    }

    /** Why the verification could not be done, or null. */
    public VerifyFailedException failure() {
        return failure;
    }
}
