package io.nubis.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.nubis.platform.Action;
import io.nubis.platform.NoAction;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: every API operation and portal page declares its IAM action (or why it needs none), every declared action is
 * in {@link ActionCatalog}, every catalogued action is declared somewhere, and the path parameter naming the target
 * resource exists in the operation's path.
 */
class ActionCatalogTest {

    private static final List<Class<? extends java.lang.annotation.Annotation>> VERBS = List.of(GET.class,
            POST.class, PUT.class, DELETE.class, PATCH.class);

    @Test
    void everyOperationDeclaresAKnownAction() {
        List<String> missing = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        int operations = 0;
        for (JavaClass jc : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nubis")) {
            if (!jc.isAnnotatedWith(Path.class)) {
                continue;
            }
            String base = jc.getAnnotationOfType(Path.class).value();
            for (JavaMethod jm : jc.getMethods()) {
                if (VERBS.stream().noneMatch(jm::isAnnotatedWith)) {
                    continue;
                }
                operations++;
                Method m = jm.reflect();
                String where = jc.getSimpleName() + "." + m.getName();
                Action a = m.getAnnotation(Action.class);
                NoAction none = m.getAnnotation(NoAction.class);
                if ((a == null) == (none == null)) {
                    missing.add(where + ": needs exactly one of @Action or @NoAction");
                    continue;
                }
                if (a == null) {
                    continue;
                }
                declared.add(a.value());
                if (!ActionCatalog.known(a.value())) {
                    missing.add(where + ": " + a.value() + " is not in ActionCatalog");
                }
                String path = base + (m.isAnnotationPresent(Path.class)
                        ? "/" + m.getAnnotation(Path.class).value()
                        : "");
                if (!a.resource().isEmpty() && path.contains("{") && !path.contains("{" + a.resource() + "}")) {
                    missing.add(where + ": no path parameter {" + a.resource() + "} in " + path);
                }
            }
        }
        assertTrue(operations > 250, "found only " + operations + " operations");
        assertEquals(List.of(), missing);
        Set<String> unused = new TreeSet<>(ActionCatalog.ACTIONS);
        unused.removeAll(declared);
        assertEquals(Set.of(), unused, "catalogued but declared by no operation");
    }

    @Test
    void theCatalogIsSortedAndWellFormed() {
        List<String> sorted = new ArrayList<>(ActionCatalog.ACTIONS);
        sorted.sort(null);
        assertEquals(sorted, ActionCatalog.ACTIONS);
        assertTrue(ActionCatalog.ACTIONS.stream().allMatch(a -> a.matches("[a-z0-9-]+:[a-z0-9-]+")));
        assertTrue(ActionCatalog.validPattern("vm:*"));
        assertTrue(ActionCatalog.validPattern("*"));
        assertTrue(!ActionCatalog.validPattern("vmx:*") && !ActionCatalog.validPattern("vm:fly"));
    }
}
