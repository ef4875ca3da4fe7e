package io.nubis.testing;

import java.util.HashMap;
import java.util.Map;

/** Users the IAM tests create in Keycloak through Nubis: their fields and password. */
public final class IamUsers {

    public static final String PASSWORD = "Secret-pass-1";

    private IamUsers() {
    }

    /** A new user's fields (e-mail, names, {@link #PASSWORD}), plus extra key/value pairs. */
    public static Map<String, Object> person(String username, Object... extra) {
        Map<String, Object> m = new HashMap<>(Map.of("username", username, "email", username + "@example.org",
                "firstName", "Test", "lastName", "User", "password", PASSWORD));
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return m;
    }
}
