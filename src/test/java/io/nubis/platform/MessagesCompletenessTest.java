package io.nubis.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.compute.HostState;
import io.nubis.compute.HostStatus;
import io.nubis.compute.ZoneState;
import io.nubis.iam.AuditResult;
import io.nubis.job.JobState;
import io.quarkus.qute.i18n.Message;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the message bundle whole (petclinic's i18n sync test): every key in both languages and in {@link AppMessages},
 * the same placeholders everywhere, and no template or Java code naming a key that does not exist.
 */
class MessagesCompletenessTest {

    static final Path MESSAGES = Path.of("src/main/resources/messages");
    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Path JAVA = Path.of("src/main/java");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    static final Pattern TEMPLATE_KEY = Pattern.compile("\\{?msg:([A-Za-z_][A-Za-z0-9_]*)");
    static final Pattern JAVA_KEY = Pattern.compile("\"((?:error|flash|value)_[A-Za-z0-9_]*[A-Za-z0-9])\"");

    static Map<String, String> load(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(MESSAGES.resolve(file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }

    static Map<String, Method> bundleMethods() {
        return Arrays.stream(AppMessages.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Message.class))
                .collect(Collectors.toMap(Method::getName, m -> m, (a, b) -> a, TreeMap::new));
    }

    static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> en = load("msg_en.properties").keySet();
        Set<String> zh = load("msg_zh_CN.properties").keySet();
        assertEquals(Set.of(), difference(en, zh), "keys missing from msg_zh_CN.properties");
        assertEquals(Set.of(), difference(zh, en), "keys missing from msg_en.properties");
    }

    @Test
    void everyKeyHasAMessageMethodAndEveryMethodAText() throws IOException {
        Set<String> en = load("msg_en.properties").keySet();
        Set<String> methods = bundleMethods().keySet();
        assertEquals(Set.of(), difference(en, methods), "keys without an @Message method in AppMessages");
        assertEquals(Set.of(), difference(methods, en), "@Message methods without a text in msg_en.properties");
    }

    @Test
    void placeholdersMatchAcrossLanguagesAndMethodParameters() throws IOException {
        Map<String, String> en = load("msg_en.properties");
        Map<String, String> zh = load("msg_zh_CN.properties");
        Map<String, Method> methods = bundleMethods();
        for (String key : en.keySet()) {
            Set<String> fromEn = placeholders(en.get(key));
            assertEquals(fromEn, placeholders(zh.getOrDefault(key, "")), "placeholders of " + key + " in zh_CN");
            Method m = methods.get(key);
            if (m != null) {
                Set<String> params = Arrays.stream(m.getParameters()).map(Parameter::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(params, fromEn, "parameters of AppMessages#" + key + " vs its placeholders");
            }
        }
    }

    @Test
    void templatesOnlyUseKnownKeys() throws IOException {
        Set<String> keys = load("msg_en.properties").keySet();
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals("message") && !keys.contains(m.group(1))) {
                        unknown.add(TEMPLATES.relativize(f) + ": " + m.group(1));
                    }
                }
            }
        }
        assertEquals(Set.of(), unknown, "templates name keys that are not in the bundle");
    }

    @Test
    void javaCodeOnlyUsesKnownKeys() throws IOException {
        Set<String> keys = load("msg_en.properties").keySet();
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(JAVA)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = JAVA_KEY.matcher(Files.readString(f));
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        unknown.add(JAVA.relativize(f) + ": " + m.group(1));
                    }
                }
            }
        }
        assertEquals(Set.of(), unknown, "Java code names keys that are not in the bundle");
    }

    @Test
    void everyStateStatusAndResultShownAsABadgeHasALabel() throws IOException {
        Set<String> keys = load("msg_en.properties").keySet();
        Stream.of(HostState.values(), HostStatus.values(), ZoneState.values(), JobState.values(),
                AuditResult.values()).flatMap(Arrays::stream).map(e -> "value_" + ((Enum<?>) e).name())
                .forEach(k -> assertTrue(keys.contains(k), "no label " + k));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
