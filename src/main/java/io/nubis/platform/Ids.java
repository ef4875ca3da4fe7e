package io.nubis.platform;

import java.util.UUID;
import java.util.regex.Pattern;

/** Resource ids are random UUIDs in canonical lower-case form. */
public final class Ids {

    private static final Pattern UUID_PATTERN = Pattern
            .compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static boolean isValid(String id) {
        return id != null && UUID_PATTERN.matcher(id).matches();
    }
}
