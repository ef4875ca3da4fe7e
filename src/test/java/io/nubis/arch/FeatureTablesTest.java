package io.nubis.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, part 3: no feature's SQL reads or writes another feature's tables (it asks that feature's face instead).
 * Tables belong to the feature of the entity mapped on them, plus the few tables without an entity listed here; every
 * string literal in the main sources is searched for FROM, JOIN, UPDATE or INTO followed by a table name.
 */
class FeatureTablesTest {

    /** Tables without an entity, and their feature. */
    static final Map<String, String> UNMAPPED = Map.of("resource_lock", "job", "primary_storage_cluster", "storage",
            "local_storage_host", "storage", "iam_group_member", "iam", "iam_policy_attachment", "iam",
            "resource_share", "iam", "vni_pool_cluster", "network", "segment_cleanup", "network");

    static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    static final Pattern TABLE = Pattern.compile("\\b(?:FROM|JOIN|UPDATE|INTO)\\s+([a-z_][a-z0-9_]*)");

    @Test
    void noFeatureTouchesAnotherFeaturesTables() throws IOException {
        Map<String, String> owner = new HashMap<>(UNMAPPED);
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nubis")) {
            if (c.isAnnotatedWith(Entity.class) && c.isAnnotatedWith(Table.class)) {
                owner.put(c.getAnnotationOfType(Table.class).name(), ArchitectureTest.featureOf(c));
            }
        }
        assertTrue(owner.containsKey("host") && owner.containsKey("vm_instance"), owner.toString());
        Path root = Path.of("src/main/java/io/nubis");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String feature = root.relativize(f).getName(0).toString();
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher lit = LITERAL.matcher(lines.get(i));
                    while (lit.find()) {
                        Matcher t = TABLE.matcher(lit.group(1));
                        while (t.find()) {
                            String table = t.group(1);
                            if (owner.containsKey(table) && !owner.get(table).equals(feature)) {
                                violations.add(f + ":" + (i + 1) + " uses table " + table + " of feature "
                                        + owner.get(table));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }
}
