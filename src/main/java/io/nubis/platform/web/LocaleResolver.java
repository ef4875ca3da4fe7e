package io.nubis.platform.web;

import java.util.List;
import java.util.Locale;

/**
 * Picks the portal language: the {@code lang} cookie set by the switcher wins, then the browser's Accept-Language, then
 * English. Only the locales of {@code quarkus.locales} are ever returned.
 */
public final class LocaleResolver {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.forLanguageTag("zh-CN");
    /** Name of the cookie the language switcher sets. */
    public static final String COOKIE = "lang";

    private LocaleResolver() {
    }

    public static Locale resolve(String cookie, String acceptLanguage) {
        Locale fromCookie = supported(cookie);
        if (fromCookie != null) {
            return fromCookie;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    if (range.getWeight() <= 0) {
                        continue;
                    }
                    Locale l = supported(range.getRange());
                    if (l != null) {
                        return l;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                return ENGLISH;
            }
        }
        return ENGLISH;
    }

    /** The supported locale a tag asks for ({@code en}, {@code en-GB}, {@code zh}, {@code zh-CN}...), or null. */
    public static Locale supported(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String lang = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
        int dash = lang.indexOf('-');
        String primary = dash < 0 ? lang : lang.substring(0, dash);
        return switch (primary) {
            case "en" -> ENGLISH;
            case "zh" -> CHINESE;
            default -> null;
        };
    }

    /** The tag the switcher and the {@code lang} attribute use for a supported locale. */
    public static String tag(Locale locale) {
        return CHINESE.equals(locale) ? "zh-CN" : "en";
    }

    public static List<Locale> all() {
        return List.of(ENGLISH, CHINESE);
    }
}
