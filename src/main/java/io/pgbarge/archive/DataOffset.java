package io.pgbarge.archive;

/**
 * Where a custom-format entry's data block is: the flag byte and file offset stored as the TOC
 * entry's format-specific field ({@code WriteOffset}).
 */
public record DataOffset(State state, long position) {

    /** The flag byte. */
    public enum State {
        /** The entry has data but the archive was written to a pipe: find the block by scanning. */
        NOT_SET(1),
        /** {@link DataOffset#position()} is the offset of the block's type byte. */
        SET(2),
        /** The entry has no data block. */
        NO_DATA(3);

        private final int flag;

        State(int flag) {
            this.flag = flag;
        }

        public int flag() {
            return flag;
        }

        public static State ofFlag(int flag) {
            for (State s : values()) {
                if (s.flag == flag) {
                    return s;
                }
            }
            return null;
        }
    }

    public static final DataOffset NO_DATA = new DataOffset(State.NO_DATA, 0);
    public static final DataOffset NOT_SET = new DataOffset(State.NOT_SET, 0);

    public DataOffset {
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
    }

    public static DataOffset at(long position) {
        return new DataOffset(State.SET, position);
    }

    public boolean isSet() {
        return state == State.SET;
    }
}
