package io.nubis.platform.api;

import io.nubis.platform.Page;
import java.util.List;

/** A page of a list on the wire: items plus page, size, total and pages. */
public record PageDto<T>(List<T> items, int page, int size, long total, int pages) {

    public static <T> PageDto<T> of(Page<T> p) {
        return new PageDto<>(p.items(), p.page(), p.size(), p.total(), p.pages());
    }
}
