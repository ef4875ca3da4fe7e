package io.nubis.platform.api;

import io.nubis.platform.Text;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.ListOrder;
import io.nubis.platform.PageRequest;
import io.nubis.platform.Validation;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Parses query parameters strictly. JAX-RS answers 404 when a typed parameter does not convert, so resources take
 * strings and parse them here, turning a bad value into a 400 with a field error.
 */
public final class Params {

    private Params() {
    }

    /**
     * {@code page} and {@code size} of a list request, validated (issue 6, item 5): 400 per field for a non-number, a
     * size outside 1..{@value PageRequest#MAX_SIZE} or a page beyond the deepest one ({@link PageRequest#maxPage}),
     * instead of an offset that overflows.
     */
    public static PageRequest page(String page, String size) {
        Validation v = Validation.start();
        Integer p = parsed(v, "page", page, 1);
        Integer s = parsed(v, "size", size, PageRequest.DEFAULT_SIZE);
        if (s != null) {
            v.range("size", s, 1, PageRequest.MAX_SIZE);
        }
        if (p != null) {
            v.range("page", p, 1, PageRequest.maxPage(s == null || s < 1 || s > PageRequest.MAX_SIZE
                    ? PageRequest.DEFAULT_SIZE
                    : s));
        }
        v.throwIfAny();
        return new PageRequest(p, s);
    }

    /**
     * {@link #page(String, String)} in the order {@code sort} names: a column of {@code order}, descending with a
     * leading {@code -}; 400 on {@code sort} listing the allowed ones otherwise.
     */
    public static PageRequest page(String page, String size, String sort, ListOrder order) {
        PageRequest pr = page(page, size);
        if (sort == null || sort.isBlank()) {
            return pr;
        }
        if (order.accepted(sort.trim()).isEmpty()) {
            String allowed = order.columns().keySet().stream().sorted().map(c -> c + ", -" + c)
                    .collect(Collectors.joining(", "));
            throw new InvalidInputException("sort", Text.msg(m -> m.error_enum(allowed)));
        }
        return new PageRequest(pr.page(), pr.size(), sort.trim());
    }

    private static Integer parsed(Validation v, String field, String value, int fallback) {
        try {
            return integer(field, value, fallback);
        } catch (InvalidInputException e) {
            v.add(field, Text.msg(m -> m.error_integer()));
            return null;
        }
    }

    public static int integer(String field, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, Text.msg(m -> m.error_integer()));
        }
    }

    public static boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new InvalidInputException(field, Text.msg(m -> m.error_boolean()));
        };
    }

    /** The constant named {@code value}, or null when blank; 400 listing the allowed values otherwise. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        throw new InvalidInputException(field, Text.msg(m -> m.error_enum(allowed)));
    }
}
