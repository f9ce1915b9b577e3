package io.pgbarge.archive;

/** The section of a TOC entry ({@code teSection} in pg_backup.h). */
public enum Section {
    NONE(1, "none"),
    PRE_DATA(2, "pre-data"),
    DATA(3, "data"),
    POST_DATA(4, "post-data");

    private final int code;
    private final String pgName;

    Section(int code, String pgName) {
        this.code = code;
        this.pgName = pgName;
    }

    /** The int stored in the TOC. */
    public int code() {
        return code;
    }

    /** The name of pg_dump's --section option. */
    public String pgName() {
        return pgName;
    }

    /** The section of a stored code, or null when unknown. */
    public static Section ofCode(int code) {
        for (Section s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
