package io.nubis.platform;

import io.quarkus.panache.common.Sort;
import java.util.Map;

/**
 * The orders a list may be sorted in (issue 13): the column names a page or the API may ask for, each mapped to an
 * entity field. An unknown name is ignored (the list's default order), never put into a query; the id always ends the
 * order, in the same direction, so pages are stable and an index on (column, id) serves them.
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
        // the id runs the same way as the column: an index on (column, id) then serves the page in order, without
        // sorting every row of the list (a mixed order made the database sort 20,000 VMs for a page of 20)
        return desc ? Sort.descending(field, "id") : Sort.ascending(field, "id");
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
