package io.nubis.iam;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.testing.IamUsers;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;

/** The directory question asked while serving requests, against the running Keycloak. */
@QuarkusTest
class KeycloakUserLookupTest {

    @Inject
    KeycloakUserLookup lookup;
    @Inject
    Keycloak keycloak;
    @ConfigProperty(name = "nubis.keycloak.realm")
    String realm;

    @Test
    void enabledUsersAreEnabledAndEveryOtherSubjectIsNot() {
        String alice = keycloak.realm(realm).users().searchByUsername("alice", true).get(0).getId();
        assertTrue(lookup.enabled(alice), "alice is enabled");
        assertFalse(lookup.enabled(UUID.randomUUID().toString()), "an unknown id");
        // whatever a subject holds, it stays one path segment of the user URL
        for (String odd : new String[]{"../users", alice + "/groups", "..", ".", "a b", "%2e%2e", "",
                "x".repeat(300)}) {
            assertFalse(lookup.enabled(odd), "not a user: " + odd);
        }
        assertFalse(lookup.enabled(null));

        String id = IamUsers.createInKeycloak(keycloak, realm, "lookup-" + UUID.randomUUID().toString().substring(0, 8),
                IamUsers.PASSWORD, false);
        try {
            assertFalse(lookup.enabled(id), "a disabled user");
        } finally {
            keycloak.realm(realm).users().delete(id).close();
        }
        assertFalse(lookup.enabled(id), "a deleted user");
    }
}
