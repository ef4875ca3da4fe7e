package io.nubis.testing;

import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

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

    /**
     * A user made in Keycloak directly, not through Nubis (so Nubis has no row for it yet), with e-mail and names, the
     * password and the groups given; returns its id.
     */
    public static String createInKeycloak(Keycloak keycloak, String realm, String username, String password,
            boolean enabled, String... groups) {
        UserRepresentation u = new UserRepresentation();
        u.setUsername(username);
        u.setEmail(username + "@example.org");
        u.setEmailVerified(true);
        u.setFirstName("Test");
        u.setLastName("User");
        u.setEnabled(enabled);
        u.setGroups(List.of(groups));
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(CredentialRepresentation.PASSWORD);
        c.setValue(password);
        c.setTemporary(false);
        u.setCredentials(List.of(c));
        try (Response r = keycloak.realm(realm).users().create(u)) {
            if (r.getStatus() != 201) {
                throw new IllegalStateException("Keycloak did not make user " + username + ": HTTP " + r.getStatus());
            }
            return CreatedResponseUtil.getCreatedId(r);
        }
    }
}
