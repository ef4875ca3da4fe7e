package io.nubis.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nubis.compute.ComputeMessages;
import io.nubis.platform.Text;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlashTest {

    @Test
    void survivesTheCookieRoundTripWithAnyArguments() {
        Flash f = Flash.error(new Text("error_zone_not_empty", Arrays.asList("a&b=c|d 中", 2L, null)));
        Flash back = Flash.decode(f.encode());
        assertEquals(Flash.Level.danger, back.level());
        assertEquals("error_zone_not_empty", back.key());
        assertEquals(List.of("a&b=c|d 中", "2", ""), back.args());
    }

    @Test
    void redirectIsA303WithTheCookie() {
        var r = Flash.success(Text.of(ComputeMessages.class, m -> m.flash_zone_created("z1")))
                .redirect("/admin/zones/1");
        assertEquals(303, r.getStatus());
        assertEquals("/admin/zones/1", r.getLocation().toString());
        assertEquals(Flash.COOKIE, r.getCookies().get(Flash.COOKIE).getName());
    }

    @Test
    void forgedOrBrokenCookiesShowNothing() {
        assertNull(Flash.decode(null));
        assertNull(Flash.decode("%%%"));
        assertNull(Flash.decode(encode("success&app_name")));
        assertNull(Flash.decode(encode("loud&flash_zone_created&x")));
        assertNull(Flash.decode(encode("success")));
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
