package org.rectificationhub;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package structure, kept by a test: capabilities depend on each other in one direction only, the pure parts
 * (canonical model, parsers) stay pure, and the channels meet only at the intake.
 */
class StructureTest {

    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rectificationhub");

    @Test
    void capabilitiesDependOnEachOtherWithoutCycles() {
        slices().matching("org.rectificationhub.(*)..").should().beFreeOfCycles().check(HUB);
    }

    @Test
    void theCanonicalModelDependsOnNoCapabilityNorOnCamelNorSpring() {
        noClasses().that().resideInAPackage("org.rectificationhub.canonical..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..",
                        "org.rectificationhub.ingest..", "org.rectificationhub.ledger..", "org.rectificationhub.parse..",
                        "org.rectificationhub.department..", "org.rectificationhub.ops..",
                        "org.rectificationhub.security..")
                .check(HUB);
    }

    @Test
    void parsersOnlyParseWithoutTheLedgerTheIntakeOrADatabase() {
        noClasses().that().resideInAPackage("org.rectificationhub.parse..")
                .should().dependOnClassesThat().resideInAnyPackage("org.rectificationhub.ledger..",
                        "org.rectificationhub.ingest..", "org.rectificationhub.department..", "org.apache.camel..",
                        "org.springframework..", "java.sql..", "javax.sql..")
                .check(HUB);
    }

    @Test
    void channelsMeetOnlyAtTheIntakeAndNeverWriteTheLedgerThemselves() {
        noClasses().that().resideInAPackage("org.rectificationhub.ingest.kafka..")
                .should().dependOnClassesThat().resideInAPackage("org.rectificationhub.ingest.file..").check(HUB);
        noClasses().that().resideInAPackage("org.rectificationhub.ingest.file..")
                .should().dependOnClassesThat().resideInAPackage("org.rectificationhub.ingest.kafka..").check(HUB);
        noClasses().that().resideInAnyPackage("org.rectificationhub.ingest.kafka..", "org.rectificationhub.ingest.file..")
                .should().dependOnClassesThat().resideInAPackage("org.rectificationhub.ledger..").check(HUB);
    }

    @Test
    void noCapabilityReachesIntoAChannelsInternals() {
        noClasses().that().resideOutsideOfPackages("org.rectificationhub.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.rectificationhub.ingest.kafka..",
                        "org.rectificationhub.ingest.file..")
                .check(HUB);
    }

    @Test
    void onlyTheIntakeCommitsToTheLedger() {
        noClasses().that().resideOutsideOfPackages("org.rectificationhub.ingest", "org.rectificationhub.ledger..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.rectificationhub.ledger.Ledger")
                .check(HUB);
    }
}
