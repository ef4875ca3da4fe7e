package io.nubis.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.nubis.job.JobView;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The few design rules that keep the layers honest (STYLE.md). */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nubis");
    }

    @Test
    void onlyTheKvmDriverUsesJsch() {
        noClasses().that().resideOutsideOfPackage("io.nubis.driver.kvm..").should().dependOnClassesThat()
                .resideInAPackage("com.jcraft..").check(classes);
    }

    @Test
    void pagesAndApiNeverTouchPersistence() {
        noClasses().that().resideInAnyPackage("..web..", "..api..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.persistence..", "io.quarkus.hibernate.orm..", "org.hibernate..")
                .check(classes);
        noClasses().that().resideInAnyPackage("..web..", "..api..").should().dependOnClassesThat()
                .areAnnotatedWith(Entity.class).check(classes);
    }

    @Test
    void pagesAndApiDoNotOpenTransactions() {
        noClasses().that().resideInAnyPackage("..web..", "..api..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.transaction..", "io.quarkus.narayana..").check(classes);
    }

    @Test
    void entitiesNeverAppearInApiSignatures() {
        methods().that().areDeclaredInClassesThat().resideInAPackage("..api..").and().arePublic()
                .should(new ArchCondition<>("not take or return @Entity types") {

                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        boolean bad = m.getRawReturnType().isAnnotatedWith(Entity.class)
                                || m.getRawParameterTypes().stream().anyMatch(p -> p.isAnnotatedWith(Entity.class));
                        if (bad) {
                            events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes an entity"));
                        }
                    }
                }).allowEmptyShould(true).check(classes);
    }

    @Test
    void driversDependOnNoFeature() {
        noClasses().that().resideInAPackage("io.nubis.driver..").should().dependOnClassesThat()
                .resideInAnyPackage("io.nubis.compute..", "io.nubis.iam..", "io.nubis.job..", "io.nubis.storage..",
                        "io.nubis.network..")
                .check(classes);
    }

    /**
     * Issue 6, item 4: a job's view is built only by {@code JobView.of(job, caller)}, which picks the admin's detail or
     * the tenant's text; no other code can build one with the wrong text.
     */
    @Test
    void jobViewsAreBuiltOnlyForACaller() {
        noClasses().that().doNotHaveFullyQualifiedName(JobView.class.getName()).should()
                .callConstructorWhere(JavaCall.Predicates.target(HasOwner.Predicates.With
                        .owner(DescribedPredicate.describe("JobView",
                                (JavaClass c) -> c.isEquivalentTo(JobView.class)))))
                .check(classes);
    }

    /**
     * List pages count with the entity's own {@code count(query, params)}: {@code PanacheQuery.count()} has Hibernate
     * build and translate a new count query on every call (docs/architecture.md).
     */
    @Test
    void listsNeverCountThroughPanacheQuery() {
        noClasses().should().callMethod(io.quarkus.hibernate.orm.panache.PanacheQuery.class, "count").check(classes);
    }

    @Test
    void platformDependsOnNoFeature() {
        noClasses().that().resideInAPackage("io.nubis.platform..").should().dependOnClassesThat(
                new com.tngtech.archunit.base.DescribedPredicate<JavaClass>("a feature package") {

                    @Override
                    public boolean test(JavaClass c) {
                        String p = c.getPackageName();
                        return p.startsWith("io.nubis.") && !p.startsWith("io.nubis.platform");
                    }
                }).check(classes);
    }

    /** The feature of a class: the package segment after {@code io.nubis} ({@code vm}, {@code compute}, ...). */
    static String featureOf(JavaClass c) {
        String[] parts = c.getPackageName().split("\\.");
        return parts.length > 2 ? parts[2] : "";
    }

    /**
     * Issue 7, part 3: features meet through published faces. An entity is used only inside its own feature package
     * (other features call a service or face: compute's HostAccess and Topology, iam's Accounts, names(...) methods).
     */
    @Test
    void entitiesAreUsedOnlyInsideTheirOwnFeature() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().should(new ArchCondition<>(
                "depend on no @Entity of another feature") {

            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (var d : c.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    if (target.isAnnotatedWith(Entity.class) && !featureOf(target).equals(featureOf(c))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        }).check(classes);
    }
}
