package io.nubis.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Deny overrides, whatever the order of policies and statements. */
class PolicyEvaluatorTest {

    static final String VM = "00000000-0000-0000-0000-00000000000a";

    static PolicyEvaluator.Named st(String policy, String effect, List<String> actions, List<String> resources) {
        return new PolicyEvaluator.Named(policy, new PolicyStatement(effect, actions, resources));
    }

    @Test
    void nothingSaidIsDenied() {
        Decision d = PolicyEvaluator.evaluate(List.of(), "vm:create", null);
        assertFalse(d.allowed());
        assertEquals(Decision.IMPLICIT_DENY, d.reason());
    }

    @Test
    void aDenyWinsInAnyOrder() {
        var allow = st("ops", "Allow", List.of("vm:*"), List.of("*"));
        var deny = st("no-destroy", "Deny", List.of("vm:destroy"), List.of("*"));
        for (var order : List.of(List.of(allow, deny), List.of(deny, allow))) {
            Decision d = PolicyEvaluator.evaluate(order, "vm:destroy", VM);
            assertFalse(d.allowed());
            assertEquals("no-destroy", d.policy());
            assertTrue(PolicyEvaluator.evaluate(order, "vm:stop", VM).allowed());
        }
    }

    @Test
    void resourceScopedStatementsApplyOnlyToTheirResources() {
        var allow = st("one-vm", "Allow", List.of("vm:stop", "vm:start"), List.of(VM));
        assertTrue(PolicyEvaluator.evaluate(List.of(allow), "vm:stop", VM).allowed());
        assertFalse(PolicyEvaluator.evaluate(List.of(allow), "vm:stop", "00000000-0000-0000-0000-00000000000b")
                .allowed());
        assertFalse(PolicyEvaluator.evaluate(List.of(allow), "vm:stop", null).allowed(), "a list is not that VM");
        assertFalse(PolicyEvaluator.evaluate(List.of(allow), "vm:destroy", VM).allowed());
    }

    @Test
    void wildcardsMatchWholeTypesOnly() {
        assertTrue(PolicyStatement.actionMatches("vm:*", "vm:create"));
        assertFalse(PolicyStatement.actionMatches("vm:*", "volume:create"));
        assertTrue(PolicyStatement.actionMatches("*", "zone:delete"));
        assertFalse(PolicyStatement.actionMatches("vm:create", "vm:create-image"));
    }
}
