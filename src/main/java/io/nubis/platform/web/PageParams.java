package io.nubis.platform.web;

import io.nubis.platform.PageRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code page} and {@code size} query parameters leniently (garbage means the default, never an error page) and
 * builds the query string that pagination links append their page number to.
 */
public final class PageParams {

    private PageParams() {
    }

    public static PageRequest of(String page, String size) {
        return PageRequest.of(parse(page), parse(size));
    }

    /** A page in the order {@code sort} names (see {@link PageRequest#sort()}). */
    public static PageRequest of(String page, String size, String sort) {
        PageRequest pr = of(page, size);
        return new PageRequest(pr.page(), pr.size(), sort);
    }

    /** {@code path?k=v&...&} with the non-blank filters, ready for {@code page=N&size=M} to be appended. */
    public static String base(String path, Map<String, ?> filters) {
        StringBuilder sb = new StringBuilder(path).append('?');
        for (Map.Entry<String, ?> e : filters.entrySet()) {
            Object v = e.getValue();
            if (v != null && !String.valueOf(v).isBlank()) {
                sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(String.valueOf(v).trim(), StandardCharsets.UTF_8)).append('&');
            }
        }
        return sb.toString();
    }

    public static Map<String, Object> filters(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        return m;
    }

    /** An enum constant by name, or null for blank or unknown input (a filter that does not filter). */
    public static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        return null;
    }

    private static Integer parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
