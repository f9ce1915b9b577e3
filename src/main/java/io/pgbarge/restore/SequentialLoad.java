package io.pgbarge.restore;

import java.util.List;

/**
 * The payload of the one data task of an archive read from a pipe: every {@link TableDataLoad} and
 * {@link LargeObjectLoad}, in file order, one after the other (such an archive cannot be read out of
 * order or by two readers at once).
 */
public record SequentialLoad(List<Object> loads) {
    public SequentialLoad {
        loads = List.copyOf(loads);
    }
}
