package io.nubis.iam.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Keycloak access token verified once is answered from {@link VerifiedTokens} on its next requests (issue 7): with
 * the identity of its own user, never for a text that differs from it, never for a token the extension refused.
 */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokens verified;

    static int status(String token) {
        return given().header("Authorization", "Bearer " + token).get("/v1/vm-instances").statusCode();
    }

    static List<String> accounts(String token) {
        return given().header("Authorization", "Bearer " + token).get("/v1/accounts").then().statusCode(200)
                .extract().jsonPath().getList("name");
    }

    @Test
    void aVerifiedTokenIsAnsweredFromTheCacheWithItsOwnUser() {
        JsonPath alice = TokenAudienceTest.login("nubis-cli", Tokens.ALICE);
        JsonPath bob = TokenAudienceTest.login("nubis-cli", Tokens.BOB);
        String a = alice.getString("access_token");
        String b = bob.getString("access_token");

        assertEquals(200, status(a)); // verified by the OIDC extension, then kept
        assertTrue(verified.holds(a));
        long before = verified.hits();
        for (int i = 0; i < 2; i++) {
            List<String> ofAlice = accounts(a);
            List<String> ofBob = accounts(b);
            assertTrue(ofAlice.contains("acme") && !ofAlice.contains("globex"), ofAlice.toString());
            assertTrue(ofBob.contains("globex") && !ofBob.contains("acme"), ofBob.toString());
        }
        assertEquals(before + 3, verified.hits(), "alice twice and bob once more from the cache");

        // a changed signature is a different text: the extension checks it and refuses it
        // (not the last character: its low bits are padding, so some changes there decode to the same signature)
        int at = a.length() - 10;
        String forged = a.substring(0, at) + (a.charAt(at) == 'A' ? 'B' : 'A') + a.substring(at + 1);
        assertEquals(401, status(forged));
        assertFalse(verified.holds(forged));
        // a token the API's tenant refuses (an id token: not for this audience) is never kept
        String idToken = alice.getString("id_token");
        assertEquals(401, status(idToken));
        assertEquals(401, status(idToken));
        assertFalse(verified.holds(idToken));
    }
}
