package dev.atlas.auth.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.Optional;

/**
 * An ArchUnit rule: the classes in some packages depend on each other and on module {@code
 * java.base} only.
 *
 * <p>"{@code java..}" alone is the wrong test both ways: it lets in {@code java.sql}, {@code
 * java.net.http} or {@code java.desktop} (other JDK modules a library must not assume), and it
 * shuts out {@code javax.crypto}, which is {@code java.base}. So the rule asks each dependency's
 * module. Primitive types and arrays count as their component type.
 */
public final class JdkOnly {
  private JdkOnly() {}

  /**
   * Classes in {@code packages} (ArchUnit notation, e.g. {@code dev.atlas.auth..}) depend only on
   * classes in those packages and in {@code java.base}.
   */
  public static ArchRule rule(String... packages) {
    return classes().that().resideInAnyPackage(packages)
        .should().onlyDependOnClassesThat(resideInAnyPackageOrJavaBase(packages))
        .because("the library must run with nothing but the JDK's java.base module on the path");
  }

  static DescribedPredicate<JavaClass> resideInAnyPackageOrJavaBase(String... packages) {
    DescribedPredicate<JavaClass> own = JavaClass.Predicates.resideInAnyPackage(packages);
    return DescribedPredicate.describe(
        "reside in " + Arrays.toString(packages) + " or in module java.base",
        c -> own.test(c) || inJavaBase(c.getBaseComponentType()));
  }

  private static boolean inJavaBase(JavaClass c) {
    if (c.isPrimitive()) {
      return true;
    }
    return Optional.ofNullable(loadOrNull(c.getName()))
        .map(k -> "java.base".equals(k.getModule().getName()))
        .orElse(false);
  }

  private static Class<?> loadOrNull(String name) {
    try {
      return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
    } catch (ClassNotFoundException | LinkageError notInTheJdk) {
      return null;
    }
  }
}
