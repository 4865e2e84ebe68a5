package dev.atlas.auth.jaxrs;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which resource methods are open to anonymous callers ({@code @PermitAll}), and whether the
 * application has any at all.
 *
 * <p>The rule of Jakarta Annotations §3: a method's own {@code @PermitAll}, {@code @DenyAll} or
 * {@code @RolesAllowed} wins; otherwise the annotation on the class that declares the method
 * applies. Anything else, an unknown method included, is protected.
 */
final class OpenEndpoints {
  private final Map<Method, Boolean> cache = new ConcurrentHashMap<>();
  private volatile boolean any;

  /** Whether {@code method} may be called without credentials; false for null. */
  boolean isOpen(Method method) {
    if (method == null) {
      return false;
    }
    Boolean open = cache.get(method);
    if (open == null) {
      open = computeOpen(method);
      cache.put(method, open);
    }
    return open;
  }

  /** Records, at deployment, that the application has an open method. */
  void foundOpen() {
    any = true;
  }

  /** Whether deployment found any open method; when not, refusals are answered before matching. */
  boolean any() {
    return any;
  }

  private static boolean computeOpen(Method method) {
    if (method.isAnnotationPresent(PermitAll.class)) {
      return true;
    }
    if (method.isAnnotationPresent(DenyAll.class) || method.isAnnotationPresent(RolesAllowed.class)) {
      return false;
    }
    return method.getDeclaringClass().isAnnotationPresent(PermitAll.class);
  }
}
