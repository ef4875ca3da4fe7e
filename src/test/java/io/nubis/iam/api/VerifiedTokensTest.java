package io.nubis.iam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link VerifiedTokens}: a token's identity until its {@code exp}, and never more tokens than allowed. */
class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    private static SecurityIdentity identity(String name) {
        return QuarkusSecurityIdentity.builder().setPrincipal(() -> name).build();
    }

    @Test
    void aTokenIsAnsweredUntilItExpires() {
        VerifiedTokens tokens = new VerifiedTokens(10, now::get);
        SecurityIdentity alice = identity("alice");
        tokens.remember("t1", alice, now.get() / 1000 + 60);
        assertSame(alice, tokens.answer("t1"));
        assertNull(tokens.answer("t2"));
        now.addAndGet(59_999);
        assertSame(alice, tokens.find("t1"));
        assertSame(alice, tokens.answer("t1"));
        now.addAndGet(1);
        assertNull(tokens.answer("t1"), "expired at exp");
        assertEquals(2, tokens.hits(), "answers found, not lookups");
    }

    @Test
    void anExpiredTokenIsNotKept() {
        VerifiedTokens tokens = new VerifiedTokens(10, now::get);
        tokens.remember("old", identity("a"), now.get() / 1000);
        assertNull(tokens.find("old"));
    }

    @Test
    void aFullCacheDropsExpiredTokensAndKeepsNoMoreThanItsSize() {
        VerifiedTokens tokens = new VerifiedTokens(2, now::get);
        long exp = now.get() / 1000 + 10;
        tokens.remember("a", identity("a"), exp);
        tokens.remember("b", identity("b"), exp + 100);
        tokens.remember("c", identity("c"), exp);
        assertNull(tokens.find("c"), "full of live tokens: not kept");
        now.addAndGet(10_000); // a expires
        tokens.remember("c", identity("c"), exp + 100);
        assertEquals("c", tokens.find("c").getPrincipal().getName());
        assertEquals("b", tokens.find("b").getPrincipal().getName());
        assertNull(tokens.find("a"));
    }

    @Test
    void sizeZeroKeepsNothing() {
        VerifiedTokens tokens = new VerifiedTokens(0, now::get);
        tokens.remember("a", identity("a"), now.get() / 1000 + 60);
        assertNull(tokens.find("a"));
    }
}
