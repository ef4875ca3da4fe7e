package io.nubis.iam.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keycloak access tokens the JSON API has verified, by their exact text, until they expire (issue 7: checking a token's
 * RSA signature and claims took a tenth of the server's CPU in the scale benchmark, where every client sends the same
 * token with each request, as API clients do). A token is kept only after the OIDC extension verified it (signature,
 * issuer, audience, expiry: {@link VerifiedTokenAugmentor}); a request whose header carries exactly that text gets the
 * same identity again ({@link VerifiedTokenMechanism}) while the token's {@code exp} has not passed. Any other text, a
 * changed character included, is verified by the OIDC extension as before. Nothing is weaker than without the cache:
 * the extension checks Keycloak access tokens locally, without asking Keycloak about revocation, so a verified token is
 * valid until its {@code exp} either way. At most {@code nubis.api.verified-tokens} tokens are kept (0: none).
 */
@ApplicationScoped
public class VerifiedTokens {

    private final Map<String, Entry> byToken = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final int max;
    private final LongSupplier clock;

    /** An identity and the moment (epoch ms) its token expires. */
    record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    @Inject
    VerifiedTokens(@ConfigProperty(name = "nubis.api.verified-tokens", defaultValue = "1000") int max) {
        this(max, System::currentTimeMillis);
    }

    /** With the given clock (epoch ms); tests move it. */
    VerifiedTokens(int max, LongSupplier clock) {
        this.max = max;
        this.clock = clock;
    }

    /** The identity of a verified token that has not expired, or null. */
    SecurityIdentity find(String token) {
        Entry e = byToken.get(token);
        if (e == null) {
            return null;
        }
        if (clock.getAsLong() >= e.expiresAtMillis) {
            byToken.remove(token, e);
            return null;
        }
        return e.identity;
    }

    /** {@link #find}, counted as a request answered from the cache when found. */
    SecurityIdentity answer(String token) {
        SecurityIdentity identity = find(token);
        if (identity != null) {
            hits.incrementAndGet();
        }
        return identity;
    }

    /** Keeps a token the OIDC extension has just verified, until {@code expiresAtSeconds} (its {@code exp}). */
    void remember(String token, SecurityIdentity identity, long expiresAtSeconds) {
        long until = expiresAtSeconds * 1000;
        long now = clock.getAsLong();
        if (max <= 0 || until <= now) {
            return;
        }
        if (byToken.size() >= max) {
            byToken.values().removeIf(e -> e.expiresAtMillis <= now);
            if (byToken.size() >= max) {
                return; // full of live tokens: this one is verified on each request, as without the cache
            }
        }
        byToken.put(token, new Entry(identity, until));
    }

    /** Whether the token's text is kept (expired or not). */
    boolean holds(String token) {
        return byToken.containsKey(token);
    }

    /** Requests answered from the cache since the server started. */
    public long hits() {
        return hits.get();
    }
}
