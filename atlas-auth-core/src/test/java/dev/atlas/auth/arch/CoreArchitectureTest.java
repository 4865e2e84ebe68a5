package dev.atlas.auth.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.atlas.auth.arch.fixture.UsesJavaSql;
import dev.atlas.auth.arch.fixture.UsesJavaxCrypto;
import dev.atlas.auth.arch.fixture.UsesTestLibrary;
import org.junit.jupiter.api.Test;

/** DESIGN.md: core imports nothing outside the JDK (here: nothing outside java.base). */
class CoreArchitectureTest {
  static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.atlas.auth");

  @Test
  void coreDependsOnJavaBaseOnly() {
    assertThat(CORE.size()).as("core classes imported").isGreaterThan(15);
    JdkOnly.rule("dev.atlas.auth..").check(CORE);
  }

  @Test
  void theRuleCatchesALibraryAndAnotherJdkModuleButAllowsJavaxCrypto() {
    EvaluationResult library = evaluate(UsesTestLibrary.class);
    assertThat(library.hasViolation()).isTrue();
    assertThat(library.getFailureReport().getDetails()).anyMatch(line -> line.contains("org.assertj"));
    EvaluationResult sql = evaluate(UsesJavaSql.class);
    assertThat(sql.getFailureReport().getDetails()).anyMatch(line -> line.contains("java.sql.Timestamp"));
    assertThat(evaluate(UsesJavaxCrypto.class).hasViolation()).isFalse();
  }

  static EvaluationResult evaluate(Class<?> fixture) {
    return JdkOnly.rule("dev.atlas.auth..").evaluate(new ClassFileImporter().importClasses(fixture));
  }
}
