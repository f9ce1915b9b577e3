package io.pgbarge.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Narrows each column's type over every value it is shown: a column keeps the set of types that
 * accepted all its values so far, and ends with the narrowest of them. Once a column is down to
 * text, its values are no longer tested.
 */
final class TypeInference {
    private final int[] masks;
    private final boolean[] seen;

    TypeInference(int columns) {
        masks = new int[columns];
        seen = new boolean[columns];
        java.util.Arrays.fill(masks, ColumnType.ALL);
    }

    /** One record's values (null = SQL NULL, which fits every type). Extra values are ignored. */
    void add(List<String> values) {
        int n = Math.min(values.size(), masks.length);
        for (int i = 0; i < n; i++) {
            String v = values.get(i);
            if (v == null || masks[i] == ColumnType.bit(ColumnType.TEXT)) {
                seen[i] |= v != null;
                continue;
            }
            seen[i] = true;
            masks[i] &= ColumnType.fits(v, masks[i]);
        }
    }

    List<ColumnType> types() {
        List<ColumnType> out = new ArrayList<>(masks.length);
        for (int i = 0; i < masks.length; i++) {
            out.add(ColumnType.narrowest(masks[i], seen[i]));
        }
        return out;
    }
}
