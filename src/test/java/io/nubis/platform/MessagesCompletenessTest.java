package io.nubis.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.compute.HostState;
import io.nubis.compute.HostStatus;
import io.nubis.compute.ZoneState;
import io.nubis.iam.AuditResult;
import io.nubis.compute.ComputeMessages;
import io.nubis.home.HomeMessages;
import io.nubis.iam.IamMessages;
import io.nubis.job.JobMessages;
import io.nubis.job.JobState;
import io.nubis.network.AttachmentState;
import io.nubis.network.L2Type;
import io.nubis.network.NetworkMessages;
import io.nubis.network.NetworkState;
import io.nubis.offering.AllocatorStrategy;
import io.nubis.offering.OfferingMessages;
import io.nubis.offering.OfferingState;
import io.nubis.storage.BackupStorageStatus;
import io.nubis.storage.ImageStatus;
import io.nubis.storage.StorageMessages;
import io.nubis.vm.VmMessages;
import io.nubis.vm.VmState;
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
import java.util.HashMap;
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
 * interface, the same placeholders everywhere, no key in two bundles, no bundle above Quarkus' limit, and no template
 * or Java code naming a key that does not exist.
 */
class MessagesCompletenessTest {

    /** A message bundle: its namespace (file prefix) and interface. */
    record Bundle(String name, Class<?> type) {
    }

    /** Every bundle, in the order {@link Messages} searches them. */
    static final List<Bundle> BUNDLES = List.of(new Bundle("msg", AppMessages.class),
            new Bundle("compute", ComputeMessages.class), new Bundle("iam", IamMessages.class),
            new Bundle("home", HomeMessages.class),
            new Bundle("net", NetworkMessages.class), new Bundle("offer", OfferingMessages.class),
            new Bundle("storage", StorageMessages.class), new Bundle("vm", VmMessages.class),
            new Bundle("job", JobMessages.class), new Bundle("sg", io.nubis.securitygroup.SecurityGroupMessages.class));
    /**
     * Quarkus 3.33 splits a bundle's generated resolver every 300 messages and the split code fails verification at
     * startup (VerifyError in {@code *_Bundle.resolve_0}): a bundle must stay at or below it.
     */
    static final int MAX_MESSAGES_PER_BUNDLE = 300;

    static final Path MESSAGES = Path.of("src/main/resources/messages");
    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Path JAVA = Path.of("src/main/java");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    static final Pattern TEMPLATE_KEY = Pattern
            .compile("\\{?(msg|compute|iam|home|net|offer|storage|vm|job|sg):([A-Za-z_][A-Za-z0-9_]*)");
    static final Pattern STRING_LITERAL = Pattern.compile("\"([A-Za-z0-9_]+)\"");
    /**
     * Texts one feature uses from another on purpose: the messages about a zone or cluster a network or storage input
     * names (compute's), and the storage texts VM create shows about the image it was given.
     */
    static final Set<String> PUBLISHED_TEXTS = Set.of("ComputeMessages in network", "ComputeMessages in storage",
            "StorageMessages in vm");

    static Map<String, String> load(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(MESSAGES.resolve(file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }

    static Map<String, Method> bundleMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Message.class))
                .collect(Collectors.toMap(Method::getName, m -> m, (a, b) -> a, TreeMap::new));
    }

    /** Every key of every bundle (English file) -> its bundle name. */
    static Map<String, String> allKeys() throws IOException {
        Map<String, String> all = new HashMap<>();
        for (Bundle b : BUNDLES) {
            for (String k : load(b.name() + "_en.properties").keySet()) {
                all.put(k, b.name());
            }
        }
        return all;
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
            Set<String> en = load(b.name() + "_en.properties").keySet();
            Set<String> zh = load(b.name() + "_zh_CN.properties").keySet();
            assertEquals(Set.of(), difference(en, zh), "keys missing from " + b.name() + "_zh_CN.properties");
            assertEquals(Set.of(), difference(zh, en), "keys missing from " + b.name() + "_en.properties");
        }
    }

    @Test
    void everyKeyHasAMessageMethodAndEveryMethodAText() throws IOException {
        for (Bundle b : BUNDLES) {
            Set<String> en = load(b.name() + "_en.properties").keySet();
            Set<String> methods = bundleMethods(b.type()).keySet();
            assertEquals(Set.of(), difference(en, methods),
                    "keys without an @Message method in " + b.type().getSimpleName());
            assertEquals(Set.of(), difference(methods, en),
                    "@Message methods without a text in " + b.name() + "_en.properties");
        }
    }

    @Test
    void noKeyIsInTwoBundlesAndNoBundleIsTooBig() throws IOException {
        Map<String, String> seen = new HashMap<>();
        for (Bundle b : BUNDLES) {
            Set<String> keys = load(b.name() + "_en.properties").keySet();
            assertTrue(keys.size() <= MAX_MESSAGES_PER_BUNDLE, b.name() + " has " + keys.size()
                    + " messages; Quarkus breaks above " + MAX_MESSAGES_PER_BUNDLE + ": start another bundle");
            for (String k : keys) {
                String other = seen.put(k, b.name());
                assertTrue(other == null, k + " is in both " + other + " and " + b.name());
            }
        }
        assertEquals(BUNDLES.stream().map(Bundle::name).toList(), Messages.BUNDLES,
                "Messages searches every bundle");
    }

    @Test
    void placeholdersMatchAcrossLanguagesAndMethodParameters() throws IOException {
        for (Bundle b : BUNDLES) {
            Map<String, String> en = load(b.name() + "_en.properties");
            Map<String, String> zh = load(b.name() + "_zh_CN.properties");
            Map<String, Method> methods = bundleMethods(b.type());
            for (String key : en.keySet()) {
                Set<String> fromEn = placeholders(en.get(key));
                assertEquals(fromEn, placeholders(zh.getOrDefault(key, "")), "placeholders of " + key + " in zh_CN");
                Method m = methods.get(key);
                if (m != null) {
                    Set<String> params = Arrays.stream(m.getParameters()).map(Parameter::getName)
                            .collect(Collectors.toCollection(TreeSet::new));
                    assertEquals(params, fromEn,
                            "parameters of " + b.type().getSimpleName() + "#" + key + " vs its placeholders");
                }
            }
        }
    }

    @Test
    void templatesOnlyUseKnownKeys() throws IOException {
        Map<String, String> keys = allKeys();
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(f));
                while (m.find()) {
                    String bundle = m.group(1);
                    String key = m.group(2);
                    if (!key.equals("message") && !bundle.equals(keys.get(key))) {
                        unknown.add(TEMPLATES.relativize(f) + ": " + bundle + ":" + key);
                    }
                }
            }
        }
        assertEquals(Set.of(), unknown, "templates name keys that are not in that bundle");
    }

    /**
     * Java names a text through its bundle's typed method ({@link Text#of}), so the compiler checks key and arguments:
     * a string literal equal to a key is a text named by hand. Only computed keys of enum labels ({@code value_<name>},
     * {@code vm_state_<name>}) are built as strings. A literal that is a table or column name ({@code name = "..."}) is
     * not a key.
     */
    @Test
    void javaNamesTextsThroughTheTypedBundles() throws IOException {
        Set<String> keys = allKeys().keySet();
        Set<String> byHand = new TreeSet<>();
        try (Stream<Path> files = Files.walk(JAVA)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher m = STRING_LITERAL.matcher(src);
                while (m.find()) {
                    if (keys.contains(m.group(1)) && !src.substring(0, m.start()).endsWith("name = ")) {
                        byHand.add(JAVA.relativize(f) + ": " + m.group(1));
                    }
                }
            }
        }
        assertEquals(Set.of(), byHand, "Java code names texts by key; use Text.of(<Bundle>.class, m -> m.<key>(...))");
    }

    /**
     * An error or flash text can travel in the flash cookie, whose arguments are strings; a message method that takes a
     * number then fails to render (the page would show its key). Their parameters are {@code String} or {@code Object}.
     */
    @Test
    void errorAndFlashTextsTakeStringOrObjectArguments() {
        Set<String> bad = new TreeSet<>();
        for (Bundle b : BUNDLES) {
            for (Method m : bundleMethods(b.type()).values()) {
                if (m.getName().startsWith("error_") || m.getName().startsWith("flash_")) {
                    for (Class<?> t : m.getParameterTypes()) {
                        if (t != String.class && t != Object.class) {
                            bad.add(b.type().getSimpleName() + "." + m.getName() + " takes " + t.getSimpleName());
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(), bad, "error_/flash_ texts with arguments the flash cookie cannot carry");
    }

    /** Each feature owns its texts: a feature's bundle is used only by that feature (the platform's by everyone). */
    @Test
    void aFeaturesBundleIsUsedOnlyByItsFeatureAndTheTextsItPublishes() throws IOException {
        Set<String> misuse = new TreeSet<>();
        try (Stream<Path> files = Files.walk(JAVA)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String feature = JAVA.relativize(f).getName(2).toString();
                String src = Files.readString(f);
                for (Bundle b : BUNDLES) {
                    String pkg = b.type().getPackageName();
                    String owner = pkg.substring(pkg.lastIndexOf('.') + 1);
                    if (!owner.equals("platform") && !owner.equals(feature)
                            && src.contains(b.type().getSimpleName() + ".class, m -> m.")
                            && !PUBLISHED_TEXTS.contains(b.type().getSimpleName() + " in " + feature)) {
                        misuse.add(JAVA.relativize(f) + " uses " + b.type().getSimpleName());
                    }
                }
            }
        }
        assertEquals(Set.of(), misuse, "a feature uses another feature's texts");
    }

    @Test
    void everyStateStatusAndResultShownAsABadgeHasALabel() throws IOException {
        Set<String> keys = load("msg_en.properties").keySet();
        Stream.of(HostState.values(), HostStatus.values(), ZoneState.values(), JobState.values(),
                AuditResult.values(), OfferingState.values(), AllocatorStrategy.values(), NetworkState.values(),
                L2Type.values(), AttachmentState.values(), BackupStorageStatus.values(), ImageStatus.values(),
                VolumeStatus.values()).flatMap(Arrays::stream)
                .map(e -> "value_" + ((Enum<?>) e).name())
                .forEach(k -> assertTrue(keys.contains(k), "no label " + k));
    }

    @Test
    void everyVmStateHasALabelInTheVmBundle() throws IOException {
        Set<String> keys = load("vm_en.properties").keySet();
        Arrays.stream(VmState.values()).map(s -> "vm_state_" + s.name())
                .forEach(k -> assertTrue(keys.contains(k), "no label " + k));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
