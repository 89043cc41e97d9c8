package org.griot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of DESIGN.md, enforced: each engine stays behind its adapter package, and
 * features talk to each other's public API only, never to their internals, and without cycles.
 */
class ArchitectureTests {

    static JavaClasses griot;

    @BeforeAll
    static void importGriot() {
        griot = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.griot");
    }

    @Test
    void asteriskJavaIsUsedOnlyByTheAsteriskAdapter() {
        check(noClasses().that().resideOutsideOfPackage("org.griot.telephony.asterisk..")
                .should().dependOnClassesThat().resideInAnyPackage("org.asteriskjava.."));
    }

    @Test
    void droolsIsUsedOnlyByTheDecisionPackage() {
        check(noClasses().that().resideOutsideOfPackage("org.griot.decision..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools.."));
    }

    @Test
    void camundaIsUsedOnlyByTheWorkflowPackageAndByProcessDelegates() {
        check(noClasses().that().resideOutsideOfPackage("org.griot.workflow..")
                .and().haveSimpleNameNotEndingWith("Delegate")
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda.."));
        check(noClasses().that().resideOutsideOfPackage("org.griot.workflow..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.camunda..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("org.camunda.bpm.engine.delegate.."))))
                .because("a process delegate outside workflow binds only Camunda's delegate API"));
        // One named exception: Griot's engine plugin (workflow.internal.ModelSandbox*) replaces the engine's
        // expression manager, script engines, artifact factory and adds a pre-deployer; Camunda offers these
        // seams only in engine.impl (docs/adr/0011-models-are-data.md).
        // A second one: the history level of call processes (workflow.internal.CallHistory*); HistoryLevel,
        // ProcessEnginePlugin and parse listeners exist only in engine.impl (docs/adr/0017-narrower-history-for-call-processes.md).
        check(noClasses().that(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("org.griot.workflow.internal")
                        .and(JavaClass.Predicates.simpleNameStartingWith("ModelSandbox")
                                .or(JavaClass.Predicates.simpleNameStartingWith("CallHistory")))))
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.engine.impl..")
                .because("Camunda internals change between versions; use the public API"));
    }

    @Test
    void theEmbeddedDatabaseIsUsedOnlyByTheDatabasePackage() {
        check(noClasses().that().resideOutsideOfPackage("org.griot.database..")
                .should().dependOnClassesThat().resideInAnyPackage("ch.vorburger.."));
    }

    @Test
    void springMvcStaysInControllersAndWebConfiguration() {
        check(noClasses().that().haveSimpleNameNotEndingWith("Controller").and().haveSimpleNameNotEndingWith("Api")
                .and().haveSimpleNameNotEndingWith("Configuration").and().haveSimpleNameNotEndingWith("Advice")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.servlet..",
                        "org.springframework.web.bind..", "org.springframework.web.multipart..")
                .allowEmptyShould(true));
    }

    @Test
    void noFeatureReachesIntoAnotherFeaturesInternals() {
        check(classes().that().resideInAPackage("org.griot.(*).internal..").should(onlyAccessedFromTheirOwnFeature())
                .allowEmptyShould(true));
    }

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        check(slices().matching("org.griot.(*)..").should().beFreeOfCycles());
    }

    private static com.tngtech.archunit.lang.ArchCondition<JavaClass> onlyAccessedFromTheirOwnFeature() {
        return new com.tngtech.archunit.lang.ArchCondition<>("be accessed only from their own feature") {
            @Override
            public void check(JavaClass internal,
                    com.tngtech.archunit.lang.ConditionEvents events) {
                String feature = featureOf(internal.getPackageName());
                for (var access : internal.getDirectDependenciesToSelf()) {
                    String from = featureOf(access.getOriginClass().getPackageName());
                    if (!feature.equals(from)) {
                        events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            }
        };
    }

    private static String featureOf(String packageName) {
        String rest = packageName.startsWith("org.griot.") ? packageName.substring("org.griot.".length()) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static void check(ArchRule rule) {
        rule.check(griot);
    }
}
