package io.nubis.platform;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the items, the 1-based page number, the page size and the total across all pages. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
