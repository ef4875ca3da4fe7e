package io.nubis.iam;

import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Personal API tokens (issue 9): a user creates, lists and revokes its own tokens for scripts. A token is {@code nbt_}
 * and 32 random bytes (base64url); only its SHA-256 is stored, the value is shown once. A request with one acts as its
 * user, with the user's role and policies; a revoked or expired token, or one of a disabled user or account, is refused
 * at its next request.
 */
@ApplicationScoped
@Transactional
public class ApiTokenService {

    public static final String PREFIX = "nbt_";
    static final String TYPE = "api-token";
    static final int MAX_PER_USER = 20;
    static final int MAX_DAYS = 365;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AuditLog audit;

    public List<ApiTokenView> list(Caller caller) {
        return ApiToken.<ApiToken>list("userId", Sort.ascending("createdAt"), userOf(caller)).stream()
                .map(ApiTokenService::view).toList();
    }

    @Audited("api-token.create")
    public NewApiToken create(Caller caller, ApiTokenInput in) {
        String userId = userOf(caller);
        String name = in == null ? null : Validation.blankToNull(in.name());
        Integer days = in == null || in.expiresInDays() == null ? 90 : in.expiresInDays();
        Validation v = Validation.start().name("name", name);
        if (days < 1 || days > MAX_DAYS) {
            v.add("expiresInDays", Text.of(IamMessages.class, m -> m.error_token_days(MAX_DAYS)));
        }
        v.throwIfAny();
        if (ApiToken.count("userId", userId) >= MAX_PER_USER) {
            throw new ConflictException(Text.of(IamMessages.class, m -> m.error_token_limit(MAX_PER_USER)));
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken t = new ApiToken();
        t.id = Ids.newId();
        t.userId = userId;
        t.name = name;
        t.tokenHash = hash(value);
        t.prefix = value.substring(0, PREFIX.length() + 4);
        t.createdAt = Instant.now();
        t.expiresAt = t.createdAt.plus(Duration.ofDays(days));
        t.persist();
        audit.success(caller, "api-token.create", AuditTarget.of(TYPE, t.id, name, caller.accountId()),
                "expires " + t.expiresAt);
        return new NewApiToken(t.id, name, value, t.expiresAt);
    }

    /** Revokes one of the caller's tokens: it stops working at its next request. */
    @Audited("api-token.delete")
    public void revoke(Caller caller, String id) {
        ApiToken t = Ids.isValid(id) ? ApiToken.findById(id) : null;
        if (t == null || !t.userId.equals(caller.userId())) {
            throw new NotFoundException(TYPE, id);
        }
        t.delete();
        audit.success(caller, "api-token.delete", AuditTarget.of(TYPE, t.id, t.name, caller.accountId()), null);
    }

    /** The user id a presented token acts for, or null when it is unknown or expired. */
    public String userFor(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return null;
        }
        ApiToken t = ApiToken.find("tokenHash", hash(token)).firstResult();
        return t == null || t.expiresAt.isBefore(Instant.now()) ? null : t.userId;
    }

    private static String userOf(Caller caller) {
        if (caller.userId() == null) {
            throw new NotFoundException(TYPE, "");
        }
        return caller.userId();
    }

    static String hash(String value) {
        return io.nubis.platform.SecretHash.of(value);
    }

    private static ApiTokenView view(ApiToken t) {
        return new ApiTokenView(t.id, t.name, t.prefix, t.expiresAt, t.createdAt);
    }
}
