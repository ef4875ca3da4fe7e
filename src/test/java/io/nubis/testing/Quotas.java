package io.nubis.testing;

import static io.nubis.testing.Api.as;

import io.nubis.iam.QuotaKind;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Quota clean-up for tests that set limits: other tests share the database and must not meet them. */
public final class Quotas {

    private Quotas() {
    }

    /** Removes the account's own limits (null: none) and every default limit. */
    public static void clear(String accountId) {
        Map<String, Object> none = new HashMap<>();
        for (QuotaKind k : QuotaKind.values()) {
            none.put(k.name().toLowerCase(Locale.ROOT), null);
        }
        if (accountId != null) {
            as(Tokens.ADMIN).body(none).put("/v1/accounts/" + accountId + "/quotas").then().statusCode(200);
        }
        as(Tokens.ADMIN).body(none).put("/v1/quota-defaults").then().statusCode(200);
    }
}
