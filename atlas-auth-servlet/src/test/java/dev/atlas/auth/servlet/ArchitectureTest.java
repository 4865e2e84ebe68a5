package dev.atlas.auth.servlet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Arrows that must never exist in the servlet adapter, checked on its compiled classes. */
class ArchitectureTest {
  /** Owners by name: archunit.properties keeps ArchUnit from importing the servlet API to learn its hierarchy. */
  private static final Set<String> REQUEST_TYPES = Set.of(
      "jakarta.servlet.ServletRequest", "jakarta.servlet.http.HttpServletRequest",
      "jakarta.servlet.ServletRequestWrapper", "jakarta.servlet.http.HttpServletRequestWrapper",
      "dev.atlas.auth.servlet.BearerRequest");
  private static final Set<String> BODY_OR_PARAMETERS = Set.of(
      "getParameter", "getParameterMap", "getParameterNames", "getParameterValues",
      "getInputStream", "getReader", "getPart", "getParts");

  static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() throws URISyntaxException {
    classes = new ClassFileImporter().importPath(
        Path.of(BearerAuthFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
  }

  @Test
  void neverReadsTheBodyOrTheParameters() {
    noClasses().should().callMethodWhere(
        DescribedPredicate.describe("a ServletRequest method that reads the body or the parameters",
            (JavaCall<?> call) -> REQUEST_TYPES.contains(call.getTargetOwner().getName())
                && BODY_OR_PARAMETERS.contains(call.getName())))
        .check(classes);
  }

  @Test
  void onlyTheJettyHelpersKnowAContainer() {
    noClasses().that().resideOutsideOfPackage("dev.atlas.auth.servlet.jetty..")
        .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "org.apache..")
        .check(classes);
  }

  @Test
  void neverTheJaxrsAdapter() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.atlas.auth.jaxrs..", "jakarta.ws.rs..")
        .check(classes);
  }

  @Test
  void noStandardStreamsAndNoLoggingButSystemLogger() {
    GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(classes);
    GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(classes);
  }

  /** Every rule above passes on an empty import; this one does not. */
  @Test
  void theImportHoldsTheFilterAndTheJettyHelpers() {
    assertThat(classes.contain(BearerAuthFilter.class)).isTrue();
    assertThat(classes.contain(dev.atlas.auth.servlet.jetty.JettyEe10BearerAuth.class)).isTrue();
  }
}
