package io.nubis.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LocaleResolverTest {

    @Test
    void cookieWinsOverTheBrowser() {
        assertEquals(LocaleResolver.CHINESE, LocaleResolver.resolve("zh-CN", "en-US,en;q=0.9"));
        assertEquals(LocaleResolver.ENGLISH, LocaleResolver.resolve("en", "zh-CN"));
    }

    @Test
    void acceptLanguageInOrderOfPreference() {
        assertEquals(LocaleResolver.CHINESE, LocaleResolver.resolve(null, "fr;q=1, zh-TW;q=0.8, en;q=0.5"));
        assertEquals(LocaleResolver.ENGLISH, LocaleResolver.resolve(null, "de, en-GB;q=0.9, zh;q=0.8"));
        assertEquals(LocaleResolver.CHINESE, LocaleResolver.resolve("xx", "zh"));
    }

    @Test
    void englishWhenNothingFitsOrTheHeaderIsBroken() {
        assertEquals(LocaleResolver.ENGLISH, LocaleResolver.resolve(null, null));
        assertEquals(LocaleResolver.ENGLISH, LocaleResolver.resolve("", "fr, de"));
        assertEquals(LocaleResolver.ENGLISH, LocaleResolver.resolve(null, ";;;q=abc"));
        assertNull(LocaleResolver.supported("fr"));
    }

    @Test
    void tagsForTheSwitcher() {
        assertEquals("zh-CN", LocaleResolver.tag(LocaleResolver.supported("zh_cn")));
        assertEquals("en", LocaleResolver.tag(LocaleResolver.supported("EN-us")));
    }
}
