package io.leadtriage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The layers, checked on the compiled classes so that no import, fully qualified name or lambda slips past: the
 * domain core depends on nothing of ours outside it; use cases (app) reach storage, mail and the outside world only
 * through their ports, never an adapter, a handler or an SDK; each adapter speaks its own SDK; handlers read events,
 * call use cases and map answers, never a port or an SDK; the wiring assembles all of it and nothing depends on it but
 * the handlers' Lambda constructors. (These rules replace the source-text import checks the packages had.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {
    static final String AWS_SDK = "software.amazon.awssdk..";
    static final String LAMBDA = "com.amazonaws..";
    JavaClasses deployed;

    @BeforeAll
    void importTheDeployedClasses() {
        deployed = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.leadtriage");
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("the domain depends on nothing of ours outside it, and on no library", classes()
                        .that().resideInAPackage("io.leadtriage.domain..")
                        .should().onlyDependOnClassesThat().resideInAnyPackage("io.leadtriage.domain..", "java.."))
                ,
                arguments("use cases reach the outside world only through their ports", noClasses()
                        .that().resideInAPackage("io.leadtriage.app..")
                        .should().dependOnClassesThat().resideInAnyPackage("io.leadtriage.adapters..",
                                "io.leadtriage.handlers..", "io.leadtriage.wiring..", AWS_SDK, LAMBDA))
                ,
                arguments("only the SES event parser reads JSON in the app", noClasses()
                        .that().resideInAPackage("io.leadtriage.app..")
                        .and().doNotHaveFullyQualifiedName("io.leadtriage.app.sesevents.SesEventParser")
                        .should().dependOnClassesThat().resideInAPackage("com.fasterxml.."))
                ,
                arguments("the model's loader and checks know no storage, handler or SDK", noClasses()
                        .that().resideInAPackage("io.leadtriage.config..")
                        .should().dependOnClassesThat().resideInAnyPackage("io.leadtriage.adapters..",
                                "io.leadtriage.handlers..", "io.leadtriage.wiring..", AWS_SDK, LAMBDA))
                ,
                arguments("adapters know no handler and no wiring", noClasses()
                        .that().resideInAPackage("io.leadtriage.adapters..")
                        .should().dependOnClassesThat().resideInAnyPackage("io.leadtriage.handlers..", "io.leadtriage.wiring.."))
                ,
                arguments("each adapter speaks only its own SDK (and none calls another adapter)", slices()
                        .matching("io.leadtriage.adapters.(*)..").should().notDependOnEachOther())
                ,
                arguments("the DynamoDB adapter uses no other AWS service", noClasses()
                        .that().resideInAPackage("io.leadtriage.adapters.dynamodb..")
                        .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.services.sesv2..",
                                "software.amazon.awssdk.services.secretsmanager.."))
                ,
                arguments("the SES adapter uses no other AWS service", noClasses()
                        .that().resideInAPackage("io.leadtriage.adapters.ses..")
                        .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.services.dynamodb..",
                                "software.amazon.awssdk.services.secretsmanager.."))
                ,
                arguments("handlers call use cases: no adapter, no port, no AWS SDK", noClasses()
                        .that().resideInAPackage("io.leadtriage.handlers..")
                        .should().dependOnClassesThat(resideInAPackage("io.leadtriage.adapters..")
                                .or(resideInAPackage(AWS_SDK))
                                .or(resideInAPackage("io.leadtriage.app.ports..").and(INTERFACES))))
                ,
                arguments("logs, metrics and their JSON writer sit below every layer: only the JDK and jackson-core",
                        classes().that().resideInAnyPackage("io.leadtriage.ops..", "io.leadtriage.json..")
                        .should().onlyDependOnClassesThat().resideInAnyPackage("io.leadtriage.ops..", "io.leadtriage.json..",
                                "java..", "com.fasterxml.jackson.core.."))
                ,
                arguments("nothing but the handlers depends on the wiring", noClasses()
                        .that().resideOutsideOfPackages("io.leadtriage.wiring..", "io.leadtriage.handlers..")
                        .should().dependOnClassesThat().resideInAPackage("io.leadtriage.wiring.."))
                ,
                arguments("JSON is read and written with jackson-core's streaming parser and generator only: data binding"
                        + " is a cold-start cost of several hundred classes", noClasses()
                        .that().resideInAPackage("io.leadtriage..")
                        .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..",
                                "com.fasterxml.jackson.dataformat.."))
                ,
                arguments("the wiring assembles handlers' parts but never calls a handler", noClasses()
                        .that().resideInAPackage("io.leadtriage.wiring..")
                        .should().dependOnClassesThat().resideInAPackage("io.leadtriage.handlers.."))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theLayersHold(String rule, ArchRule check) {
        check.because(rule).check(deployed);
    }

}
