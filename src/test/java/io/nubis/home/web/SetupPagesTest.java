package io.nubis.home.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The first-run setup checklist (issue 13): steps are done when what they make exists, each opens the real form, steps
 * can be skipped and taken back, the setup's banner follows the admin to other pages until it is finished.
 */
@QuarkusTest
class SetupPagesTest {

    @Inject
    SimulatorControl simulator;

    @Test
    void theChecklistFollowsTheInventoryAndTheAdminsChoices() {
        // a cloud where a tenant can create a VM: every step is done
        VmFixtures.simulated(simulator, 1, 4, 8192, 5);
        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        String page = admin.page("/admin/setup").asString();
        for (String step : SetupPages.KEYS) {
            assertThat(page, containsString("id=\"setup-step-" + step + "\" data-status=\"done\""));
        }
        assertThat(page, containsString("id=\"setup-ready\""));
        assertThat(page, not(containsString("id=\"setup-banner\"")));
        assertThat(page, containsString("id=\"setup-start\""));

        // the setup runs: its banner shows on other pages until it is finished
        assertEquals(303, admin.submit("/admin/setup", "/admin/setup/start", Map.of()).statusCode());
        assertThat(admin.page("/admin/zones").asString(), containsString("id=\"setup-banner\""));
        assertThat(admin.page("/admin/setup").asString(), not(containsString("id=\"setup-start\"")));
        assertEquals(303, admin.submit("/admin/setup", "/admin/setup/finish", Map.of()).statusCode());
        assertThat(admin.page("/admin/zones").asString(), not(containsString("id=\"setup-banner\"")));

        // tenants may not use it
        assertEquals(403, PortalSession.login(Tokens.ALICE).get("/admin/setup").statusCode());
    }

    @Test
    void skippedStepsAreRememberedAndCanBeTakenBack() {
        assertEquals(Set.of("image", "zone"), SetupPages.skippedOf("image.nonsense.zone.<script>"));
        assertEquals(Set.of(), SetupPages.skippedOf(null));
        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        assertEquals(303,
                admin.submit("/admin/setup", "/admin/setup/skip", Map.of("step", "backup_storage")).statusCode());
        assertEquals("backup_storage", admin.cookie(SetupPages.SKIP_COOKIE));
        assertEquals(303, admin.submit("/admin/setup", "/admin/setup/skip", Map.of("step", "backup_storage", "undo",
                "true")).statusCode());
        String left = admin.cookie(SetupPages.SKIP_COOKIE);
        assertTrue(left == null || left.isEmpty(), "nothing skipped any more: " + left);
    }
}
