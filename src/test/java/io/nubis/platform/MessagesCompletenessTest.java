package io.nubis.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.compute.HostState;
import io.nubis.compute.HostStatus;
import io.nubis.compute.ZoneState;
import io.nubis.iam.AuditResult;
import io.nubis.job.JobState;
import io.nubis.storage.BackupStorageStatus;
import io.nubis.storage.ImageStatus;
import io.nubis.storage.StorageMessages;
import io.nubis.storage.VolumeStatus;
import io.quarkus.qute.i18n.Message;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
 * Keeps the message bundles whole (petclinic's i18n sync test): every key in both languages and in its bundle
 * interface, the same placeholders everywhere, no key in two bundles, no bundle over the 300 messages Quarkus 3.33 can
 * generate correctly, and no template or Java code naming a key that does not exist.
 */
class MessagesCompletenessTest {

    static final Path MESSAGES = Path.of("src/main/resources/messages");
    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Path JAVA = Path.of("src/main/java");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    static final Pattern JAVA_KEY = Pattern.compile("\"((?:error|flash|value)_[A-Za-z0-9_]*[A-Za-z0-9])\"");
    /** Quarkus 3.33.2 splits a bundle's resolve method every 300 messages and the split code fails verification. */
    static final int MAX_MESSAGES_PER_BUNDLE = 300;

    /** One message bundle: its namespace (also the file prefix) and its interface. */
    record Bundle(String namespace, Class<?> type) {

        Pattern templateKey() {
            return Pattern.compile("\\{?" + namespace + ":([A-Za-z_][A-Za-z0-9_]*)");
        }
    }

    static final List<Bundle> BUNDLES = List.of(new Bundle("msg", AppMessages.class),
            new Bundle("storage", StorageMessages.class));

    static Map<String, String> load(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(MESSAGES.resolve(file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }

    static Map<String, String> en(Bundle b) throws IOException {
        return load(b.namespace() + "_en.properties");
    }

    static Map<String, String> zh(Bundle b) throws IOException {
        return load(b.namespace() + "_zh_CN.properties");
    }

    static Map<String, Method> bundleMethods(Bundle b) {
        return Arrays.stream(b.type().getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Message.class))
                .collect(Collectors.toMap(Method::getName, m -> m, (x, y) -> x, TreeMap::new));
    }

    static Set<String> allKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Bundle b : BUNDLES) {
            keys.addAll(en(b).keySet());
        }
        return keys;
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
        for (Bundle b : BUNDLES) {
            Set<String> en = en(b).keySet();
            Set<String> zh = zh(b).keySet();
            assertEquals(Set.of(), difference(en, zh), "keys missing from " + b.namespace() + "_zh_CN.properties");
            assertEquals(Set.of(), difference(zh, en), "keys missing from " + b.namespace() + "_en.properties");
        }
    }

    @Test
    void everyKeyHasAMessageMethodAndEveryMethodAText() throws IOException {
        for (Bundle b : BUNDLES) {
            Set<String> en = en(b).keySet();
            Set<String> methods = bundleMethods(b).keySet();
            assertEquals(Set.of(), difference(en, methods),
                    "keys without an @Message method in " + b.type().getSimpleName());
            assertEquals(Set.of(), difference(methods, en),
                    "@Message methods without a text in " + b.namespace() + "_en.properties");
        }
    }

    @Test
    void noKeyIsInTwoBundlesAndNoBundleIsTooBig() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (Bundle b : BUNDLES) {
            Set<String> keys = en(b).keySet();
            Set<String> both = new TreeSet<>(keys);
            both.retainAll(seen);
            assertEquals(Set.of(), both, "keys in more than one bundle");
            seen.addAll(keys);
            assertTrue(bundleMethods(b).size() <= MAX_MESSAGES_PER_BUNDLE, b.type().getSimpleName() + " has "
                    + bundleMethods(b).size() + " messages: start a feature bundle of its own (see StorageMessages)");
        }
    }

    @Test
    void placeholdersMatchAcrossLanguagesAndMethodParameters() throws IOException {
        for (Bundle b : BUNDLES) {
            Map<String, String> en = en(b);
            Map<String, String> zh = zh(b);
            Map<String, Method> methods = bundleMethods(b);
            for (String key : en.keySet()) {
                Set<String> fromEn = placeholders(en.get(key));
                assertEquals(fromEn, placeholders(zh.getOrDefault(key, "")), "placeholders of " + key + " in zh_CN");
                Method m = methods.get(key);
                if (m != null) {
                    Set<String> params = Arrays.stream(m.getParameters()).map(Parameter::getName)
                            .collect(Collectors.toCollection(TreeSet::new));
                    assertEquals(params, fromEn, "parameters of " + b.type().getSimpleName() + "#" + key
                            + " vs its placeholders");
                }
            }
        }
    }

    @Test
    void templatesOnlyUseKnownKeys() throws IOException {
        Set<String> unknown = new TreeSet<>();
        for (Bundle b : BUNDLES) {
            Set<String> keys = en(b).keySet();
            try (Stream<Path> files = Files.walk(TEMPLATES)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                    Matcher m = b.templateKey().matcher(Files.readString(f));
                    while (m.find()) {
                        if (!m.group(1).equals("message") && !keys.contains(m.group(1))) {
                            unknown.add(TEMPLATES.relativize(f) + ": " + b.namespace() + ":" + m.group(1));
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(), unknown, "templates name keys that are not in the bundle");
    }

    @Test
    void javaCodeOnlyUsesKnownKeys() throws IOException {
        Set<String> keys = allKeys();
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
        // the badge tag renders {msg:message(value.labelKey)}: labels must be in the msg bundle
        Set<String> keys = en(BUNDLES.get(0)).keySet();
        Stream.of(HostState.values(), HostStatus.values(), ZoneState.values(), JobState.values(),
                AuditResult.values(), BackupStorageStatus.values(), ImageStatus.values(), VolumeStatus.values())
                .flatMap(Arrays::stream).map(e -> "value_" + ((Enum<?>) e).name())
                .forEach(k -> assertTrue(keys.contains(k), "no label " + k));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
