package dev.atlas.auth.jaxrs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter stays an adapter: plain JAX-RS and the core, nothing of a runtime or of the servlet world. */
class ArchitectureTest {
  /** The adapter's own classes: only its output directory (or jar) is read, which keeps this quick. */
  static final JavaClasses ADAPTER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importUrl(AtlasAuthFeature.class.getProtectionDomain().getCodeSource().getLocation());

  @Test
  void adapterDependsOnNoRuntimeNorOnTheServletWorld() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "jakarta.servlet..", "dev.atlas.auth.servlet..", "org.glassfish..", "org.jboss..", "jakarta.enterprise..", "jakarta.inject..")
        .check(ADAPTER);
  }

  @Test
  void adapterParsesNoHeaderItself() {
    // The decision (parsing, matching, challenges) lives in dev.atlas.auth.http; the adapter may
    // not reach for the primitives it is built from.
    noClasses().should().dependOnClassesThat().haveFullyQualifiedName("dev.atlas.auth.BearerSyntax")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.atlas.auth.SignedUrl")
        .check(ADAPTER);
  }
}
