package dev.atlas.auth.servlet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Set;

/** Arrows that must never exist in the servlet adapter. */
@AnalyzeClasses(packages = "dev.atlas.auth.servlet", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {
  /** Owners by name: archunit.properties keeps ArchUnit from importing the servlet API to learn its hierarchy. */
  private static final Set<String> REQUEST_TYPES = Set.of(
      "jakarta.servlet.ServletRequest", "jakarta.servlet.http.HttpServletRequest",
      "jakarta.servlet.ServletRequestWrapper", "jakarta.servlet.http.HttpServletRequestWrapper",
      "dev.atlas.auth.servlet.BearerRequest");
  private static final Set<String> BODY_OR_PARAMETERS = Set.of(
      "getParameter", "getParameterMap", "getParameterNames", "getParameterValues",
      "getInputStream", "getReader", "getPart", "getParts");

  @ArchTest
  static final ArchRule neverReadsTheBodyOrTheParameters = noClasses().should().callMethodWhere(
      DescribedPredicate.describe("a ServletRequest method that reads the body or the parameters",
          (JavaCall<?> call) -> REQUEST_TYPES.contains(call.getTargetOwner().getName())
              && BODY_OR_PARAMETERS.contains(call.getName())));

  @ArchTest
  static final ArchRule onlyTheJettyHelpersKnowJetty = noClasses()
      .that().resideOutsideOfPackage("dev.atlas.auth.servlet.jetty..")
      .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "org.apache..");

  @ArchTest
  static final ArchRule neverTheJaxrsAdapter = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("dev.atlas.auth.jaxrs..", "jakarta.ws.rs..");

  @ArchTest
  static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

  @ArchTest
  static final ArchRule noOtherLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
