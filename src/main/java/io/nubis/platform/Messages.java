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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a message-bundle key with positional arguments in a locale, for text built in Java: error messages in the
 * API, job errors, flash messages. Looks in every bundle of {@link #NAMESPACES}, in order: {@link AppMessages}
 * ({@code msg}) first, then the features' own bundles (a feature keeps its texts in a bundle of its own because Quarkus
 * 3.33 generates broken bytecode for a bundle of more than 300 messages). Templates use {@code {msg:...}},
 * {@code {storage:...}} directly.
 */
public final class Messages {

    /** Namespaces of the message bundles, searched in this order. */
    public static final List<String> NAMESPACES = List.of("msg", "storage");

    private static final Map<String, Template> BY_ARITY = new ConcurrentHashMap<>();
    private static final Map<String, Set<String>> KEYS = new ConcurrentHashMap<>();

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
        String ns = NAMESPACES.stream().filter(n -> keys(n).contains(key)).findFirst().orElse(null);
        if (ns == null) {
            return key + (args.isEmpty() ? "" : " " + args);
        }
        try {
            Engine engine = container.instance(Engine.class).get();
            Template template = BY_ARITY.computeIfAbsent(ns + "/" + args.size(),
                    k -> engine.parse(expression(ns, args.size())));
            TemplateInstance instance = template.data("key", key);
            for (int i = 0; i < args.size(); i++) {
                instance.data("a" + i, args.get(i) == null ? "" : args.get(i));
            }
            instance.setLocale(locale);
            return instance.render();
        } catch (RuntimeException unknownKey) {
            return key + (args.isEmpty() ? "" : " " + args);
        }
    }

    /** The keys of a bundle, read once from its default-locale file ({@code messages/<ns>_en.properties}). */
    private static Set<String> keys(String namespace) {
        return KEYS.computeIfAbsent(namespace, ns -> {
            Properties p = new Properties();
            try (InputStream in = Messages.class.getClassLoader()
                    .getResourceAsStream("messages/" + ns + "_en.properties")) {
                if (in != null) {
                    p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p.stringPropertyNames();
        });
    }

    private static String expression(String namespace, int arity) {
        StringBuilder sb = new StringBuilder("{" + namespace + ":message(key");
        for (int i = 0; i < arity; i++) {
            sb.append(", a").append(i);
        }
        return sb.append(")}").toString();
    }
}
