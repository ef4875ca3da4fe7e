package io.nubis.platform;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a message-bundle key with positional arguments in a locale, for text built in Java: error messages in the
 * API, job errors, flash messages. Templates use {@code {msg:...}} (or another bundle's namespace) directly.
 *
 * <p>
 * Texts live in several bundles: {@link AppMessages} ({@code msg}) and one per feature that has many texts, because
 * Quarkus 3.33 generates a broken bundle class (VerifyError at startup) for a bundle of more than 300 messages. Keys
 * are unique across bundles; the bundle of a key is the one whose {@code messages/<bundle>_en.properties} has it.
 */
public final class Messages {

    /** Namespaces of the message bundles, searched in this order. */
    public static final List<String> BUNDLES = List.of("msg", "compute", "iam", "home", "net", "offer", "storage", "vm",
            "job", "sg");

    private static final Map<String, Template> BY_BUNDLE_AND_ARITY = new ConcurrentHashMap<>();
    private static volatile Map<String, String> bundleOfKey;

    private Messages() {
    }

    public static String english(String key, List<Object> args) {
        return text(Locale.ENGLISH, key, args);
    }

    public static String text(Locale locale, String key, List<Object> args) {
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            return key + (args.isEmpty() ? "" : " " + args);
        }
        String bundle = bundleOfKey().get(key);
        if (bundle == null) {
            return key + (args.isEmpty() ? "" : " " + args);
        }
        try {
            return render(container.instance(Engine.class).get(), bundle, locale, key, args);
        } catch (RuntimeException e) {
            return key + (args.isEmpty() ? "" : " " + args);
        }
    }

    /** Key -> bundle, read once from the English files (the default locale has every key). */
    private static Map<String, String> bundleOfKey() {
        Map<String, String> m = bundleOfKey;
        if (m == null) {
            Map<String, String> all = new HashMap<>();
            for (String bundle : BUNDLES) {
                Properties p = new Properties();
                try (InputStream in = Thread.currentThread().getContextClassLoader()
                        .getResourceAsStream("messages/" + bundle + "_en.properties")) {
                    if (in != null) {
                        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                p.stringPropertyNames().forEach(k -> all.putIfAbsent(k, bundle));
            }
            m = Map.copyOf(all);
            bundleOfKey = m;
        }
        return m;
    }

    private static String render(Engine engine, String bundle, Locale locale, String key, List<Object> args) {
        Template template = BY_BUNDLE_AND_ARITY.computeIfAbsent(bundle + "/" + args.size(),
                k -> engine.parse(expression(bundle, args.size())));
        TemplateInstance instance = template.data("key", key);
        for (int i = 0; i < args.size(); i++) {
            instance.data("a" + i, args.get(i) == null ? "" : args.get(i));
        }
        instance.setLocale(locale);
        return instance.render();
    }

    private static String expression(String bundle, int arity) {
        StringBuilder sb = new StringBuilder("{" + bundle + ":message(key");
        for (int i = 0; i < arity; i++) {
            sb.append(", a").append(i);
        }
        return sb.append(")}").toString();
    }
}
