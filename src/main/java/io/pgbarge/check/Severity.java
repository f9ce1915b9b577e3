package io.pgbarge.check;

/** How much a finding matters to a copy, worst first. */
public enum Severity {
    /** the copy would fail, or would finish but lose data: fix it first */
    BLOCKER,
    /** the copy runs, but something is adapted, left out or risky: read it */
    WARNING,
    /** what the copy will do, for the record */
    INFO
}
