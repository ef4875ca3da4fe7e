package io.nubis.platform;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One text of a message bundle with its arguments, named through the bundle's typed interface so the compiler checks
 * the key and the arguments: {@code Text.of(VmMessages.class, t -> t.error_vm_state(name, state))}. Errors, field
 * errors and flash messages carry a {@code Text}; it is rendered late, in the reader's language ({@link #in}), and in
 * English for logs and the API's {@code detail} ({@link #english}).
 *
 * <p>
 * {@link #of} calls the given method on a recording stand-in of the bundle interface: the method's name is the key
 * (Nubis's bundles use the default key, the method name), its arguments the message's arguments. Nothing is rendered
 * there.
 */
public record Text(String key, List<Object> args) {

    private static final ThreadLocal<Text> RECORDED = new ThreadLocal<>();
    private static final ClassValue<Object> RECORDERS = new ClassValue<>() {

        @Override
        protected Object computeValue(Class<?> bundle) {
            return Proxy.newProxyInstance(bundle.getClassLoader(), new Class<?>[]{bundle}, (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    throw new UnsupportedOperationException("a text recorder only records bundle methods");
                }
                RECORDED.set(new Text(method.getName(), args == null ? List.of() : Arrays.asList(args)));
                return null;
            });
        }
    };

    public Text {
        args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    /** The text that {@code message} names in {@code bundle}, e.g. {@code m -> m.error_required()}. */
    public static <B> Text of(Class<B> bundle, Function<B, String> message) {
        RECORDED.remove();
        message.apply(bundle.cast(RECORDERS.get(bundle)));
        Text recorded = RECORDED.get();
        RECORDED.remove();
        if (recorded == null) {
            throw new IllegalArgumentException("the function must call exactly one method of " + bundle.getName());
        }
        return recorded;
    }

    /** A text of the platform's bundle ({@link AppMessages}). */
    public static Text msg(Function<AppMessages, String> message) {
        return of(AppMessages.class, message);
    }

    public String english() {
        return Messages.english(key, args);
    }

    public String in(Locale locale) {
        return Messages.text(locale, key, args);
    }
}
