package io.nubis.platform;

import io.quarkus.panache.common.Sort;
import java.util.Map;

/**
 * The orders a list may be sorted in (issue 13): the column names a page or the API may ask for, each mapped to an
 * entity field. An unknown name is ignored (the list's default order), never put into a query; the id always ends the
 * order, so pages are stable.
 */
public record ListOrder(Map<String, String> columns, String defaultField, boolean defaultDescending) {

    /** The Panache sort for the page's {@link PageRequest#sort()}. */
    public Sort sort(PageRequest pr) {
        return sort(pr.sort());
    }

    /** The Panache sort for a column name ({@code -} first: descending); the default order for others. */
    public Sort sort(String raw) {
        String s = accepted(raw);
        boolean desc = s.startsWith("-");
        String field = columns.get(desc ? s.substring(1) : s);
        if (field == null) {
            field = defaultField;
            desc = defaultDescending;
        }
        return (desc ? Sort.descending(field) : Sort.ascending(field)).and("id");
    }

    /** {@code raw} if it names a column of this list (with or without a leading {@code -}), else the empty string. */
    public String accepted(String raw) {
        if (raw == null) {
            return "";
        }
        String column = raw.startsWith("-") ? raw.substring(1) : raw;
        return columns.containsKey(column) ? raw : "";
    }
}
