package io.nubis.platform.web;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import io.nubis.platform.Text;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A message shown once on the page a form POST redirects to (post-redirect-get). It travels in a short-lived cookie as
 * a message-bundle key plus arguments, so it is rendered in the reader's language; the page that shows it clears the
 * cookie. Only {@code flash_*} and {@code error_*} keys are shown, whatever the cookie says.
 */
public record Flash(Level level, String key, List<String> args) {

    /** Bootstrap alert flavour. */
    public enum Level {
        success, info, warning, danger
    }

    public static final String COOKIE = "nubis-flash";
    private static final int MAX_AGE_SECONDS = 60;

    public Flash {
        args = List.copyOf(args);
    }

    public static Flash success(Text text) {
        return new Flash(Level.success, text.key(), strings(text.args()));
    }

    public static Flash info(Text text) {
        return new Flash(Level.info, text.key(), strings(text.args()));
    }

    public static Flash error(Text text) {
        return new Flash(Level.danger, text.key(), strings(text.args()));
    }

    /** 303 See Other to {@code path} (an absolute path of this server) carrying this message. */
    public Response redirect(String path) {
        return Response.seeOther(URI.create(path)).cookie(cookie()).build();
    }

    /** 303 See Other without a message. */
    public static Response redirectTo(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    NewCookie cookie() {
        return new NewCookie.Builder(COOKIE).value(encode()).path("/").maxAge(MAX_AGE_SECONDS).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    String encode() {
        List<String> parts = new ArrayList<>();
        parts.add(level.name());
        parts.add(key);
        parts.addAll(args);
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(p, StandardCharsets.UTF_8));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The message in a cookie value, or null when it is missing, malformed or names a key that is not a message. */
    static Flash decode(String value) {
        if (value == null || value.isBlank() || value.length() > 4096) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            List<String> parts = Arrays.stream(raw.split("&", -1))
                    .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
            if (parts.size() < 2) {
                return null;
            }
            Level level = Level.valueOf(parts.get(0));
            String key = parts.get(1);
            if (!key.matches("^(flash|error)_[a-z0-9_]{1,60}$")) {
                return null;
            }
            return new Flash(level, key, parts.subList(2, parts.size()));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static List<String> strings(List<Object> args) {
        return args.stream().map(a -> a == null ? "" : String.valueOf(a)).toList();
    }
}
