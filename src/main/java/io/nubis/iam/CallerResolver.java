package io.nubis.iam;

import io.nubis.platform.Text;
import io.nubis.platform.ForbiddenException;
import io.nubis.platform.SingleFlight;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the request's authenticated Keycloak identity into a {@link Caller}. The account comes from the token's
 * {@code groups} claim: the group {@code /accounts/<name>} names it. A user in no such group is refused (403).
 */
@RequestScoped
public class CallerResolver {

    /** Keycloak group path prefix that names a Nubis account. */
    public static final String ACCOUNT_GROUP_PREFIX = "/accounts/";
    /**
     * How long a resolved caller is reused. A change made on this server (a user or account disabled, a role changed)
     * clears the cache at once ({@link #forgetAll}); other management servers see it within this time.
     */
    private static final long CACHE_MILLIS = 10_000;
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();
    /**
     * Logins under way, by cache key: the concurrent requests of one user whose caller is not cached (the first wave of
     * a burst, or the one after the cache expired) wait for one login instead of each reading and writing the same rows
     * and, for a user seen for the first time, each asking Keycloak (Keycloak's admin REST client needs a free worker
     * thread of its own to send a request: 100 first requests of one user on a server with 24 worker threads held all
     * of them in such calls, and none came back). A request that waited 10 s logs in itself.
     */
    private static final SingleFlight<String, Caller> LOGINS = new SingleFlight<>(Duration.ofSeconds(10));
    /** The OIDC tenant of the JSON API (application.properties); every other request is the portal's. */
    private static final String API_TENANT = "api";
    private static final String TENANT_ATTRIBUTE = "tenant-id";

    @Inject
    SecurityIdentity identity;
    @Inject
    AccountService accounts;
    @Inject
    DirectoryStatus directoryStatus;

    private Caller resolved;

    private record Cached(Caller caller, long until) {
    }

    /** Whether the OIDC extension authenticated this identity for the JSON API's tenant (a bearer token on /v1). */
    public static boolean ofApiTenant(SecurityIdentity identity) {
        return API_TENANT.equals(identity.getAttribute(TENANT_ATTRIBUTE));
    }

    /** Forgets every resolved caller: the next request of each user reads its user and account rows again. */
    public static void forgetAll() {
        CACHE.clear();
    }

    /** The current caller; 403 when the user has no account group. */
    public Caller caller() {
        if (resolved == null) {
            resolved = resolve();
        }
        return resolved;
    }

    /** The current caller, or null when the request is anonymous. */
    public Caller callerOrNull() {
        return identity.isAnonymous() ? null : caller();
    }

    private Caller resolve() {
        if (identity.getPrincipal() instanceof ApiTokenPrincipal token) {
            return accounts.callerOf(token.userId());
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new ForbiddenException(Text.of(IamMessages.class, m -> m.error_no_account()));
        }
        String subject = jwt.getSubject();
        Object preferred = jwt.getClaim("preferred_username");
        String username = preferred != null ? unquote(preferred.toString()) : jwt.getName();
        String account = accountName(jwt);
        if (account == null) {
            throw new ForbiddenException(Text.of(IamMessages.class, m -> m.error_no_account()));
        }
        if (!ofApiTenant(identity) && !directoryStatus.enabled(subject)) {
            throw new ForbiddenException(Text.of(IamMessages.class, m -> m.error_user_disabled()));
        }
        String key = subject + "|" + username + "|" + account;
        long now = System.currentTimeMillis();
        Cached c = CACHE.get(key);
        if (c != null && c.until > now) {
            return c.caller;
        }
        return LOGINS.run(key, () -> {
            Caller caller = accounts.login(subject, username, account);
            CACHE.put(key, new Cached(caller, System.currentTimeMillis() + CACHE_MILLIS));
            return caller;
        });
    }

    private static String accountName(JsonWebToken jwt) {
        Object groups = jwt.getClaim("groups");
        if (groups instanceof Collection<?> list) {
            for (Object g : list) {
                String s = unquote(String.valueOf(g));
                if (s.startsWith(ACCOUNT_GROUP_PREFIX) && s.length() > ACCOUNT_GROUP_PREFIX.length()
                        && s.indexOf('/', ACCOUNT_GROUP_PREFIX.length()) < 0) {
                    return s.substring(ACCOUNT_GROUP_PREFIX.length());
                }
            }
        }
        return null;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
