package io.nubis.platform.api;

import io.nubis.platform.InvalidInputException;
import io.nubis.platform.PageRequest;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Parses query parameters strictly. JAX-RS answers 404 when a typed parameter does not convert, so resources take
 * strings and parse them here, turning a bad value into a 400 with a field error.
 */
public final class Params {

    private Params() {
    }

    public static PageRequest page(String page, String size) {
        return new PageRequest(integer("page", page, 1), integer("size", size, PageRequest.DEFAULT_SIZE));
    }

    public static int integer(String field, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "error_integer");
        }
    }

    public static boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new InvalidInputException(field, "error_boolean");
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
        throw new InvalidInputException(field, "error_enum", allowed);
    }
}
