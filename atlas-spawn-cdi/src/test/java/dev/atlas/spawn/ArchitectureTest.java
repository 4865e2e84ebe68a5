package dev.atlas.spawn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The arrows DESIGN.md forbids, checked on the compiled main classes. */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.atlas.spawn");

  @Test
  void onlyTheCdiPackageImportsCdiOrInject() {
    noClasses().that().resideInAPackage("dev.atlas.spawn..")
        .and().resideOutsideOfPackage("dev.atlas.spawn.cdi..")
        .should().dependOnClassesThat().resideInAnyPackage("jakarta.enterprise..", "jakarta.inject..")
        .check(MAIN);
  }

  @Test
  void providersNeverUseTheSpawnerOrTheCdiWiring() {
    noClasses().that().resideInAnyPackage("dev.atlas.spawn.local..", "dev.atlas.spawn.fake..")
        .should().dependOnClassesThat().haveSimpleNameStartingWith("ComputeSpawner")
        .orShould().dependOnClassesThat().haveSimpleNameStartingWith("DefaultComputeSpawner")
        .orShould().dependOnClassesThat().haveSimpleNameStartingWith("Readiness")
        .orShould().dependOnClassesThat().resideInAPackage("dev.atlas.spawn.cdi..")
        .check(MAIN);
  }

  @Test
  void onlyTheMicroProfileBridgeTouchesMicroProfileConfig() {
    noClasses().that().resideOutsideOfPackage("dev.atlas.spawn.cdi.mp..")
        .should().dependOnClassesThat().resideInAPackage("org.eclipse.microprofile..")
        .check(MAIN);
  }

  @Test
  void thePlainApiDoesNotDependOnProviderImplementations() {
    noClasses().that().resideInAPackage("dev.atlas.spawn")
        .should().dependOnClassesThat().resideInAnyPackage("dev.atlas.spawn.local..", "dev.atlas.spawn.fake..",
            "dev.atlas.spawn.cdi..")
        .check(MAIN);
  }
}
