package io.nubis.platform;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a message-bundle key ({@link AppMessages}) with positional arguments in a locale, for text built in Java:
 * error messages in the API, job errors, flash messages. Templates use {@code {msg:...}} directly.
 */
public final class Messages {

    private static final Map<Integer, Template> BY_ARITY = new ConcurrentHashMap<>();

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
        try {
            Engine engine = container.instance(Engine.class).get();
            Template template = BY_ARITY.computeIfAbsent(args.size(), n -> engine.parse(expression(n)));
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

    private static String expression(int arity) {
        StringBuilder sb = new StringBuilder("{msg:message(key");
        for (int i = 0; i < arity; i++) {
            sb.append(", a").append(i);
        }
        return sb.append(")}").toString();
    }
}
