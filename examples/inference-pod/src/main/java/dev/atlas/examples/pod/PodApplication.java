package dev.atlas.examples.pod;

import dev.atlas.auth.http.BearerPolicy;
import dev.atlas.auth.http.BearerSettings;
import dev.atlas.auth.jaxrs.AtlasAuthFeature;
import jakarta.ws.rs.core.Application;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The pod as a JAX-RS application, with or without bearer authentication. */
final class PodApplication extends Application {
  /** Environment variable holding the secret that signs URLs; optional. */
  static final String SIGNING_SECRET_ENV = "ATLAS_SIGNING_SECRET";
  /** Environment variable holding the browser origins, comma-separated; optional. */
  static final String CORS_ORIGINS_ENV = "ATLAS_CORS_ORIGINS";

  private final Set<Object> singletons;

  private PodApplication(Set<Object> singletons) {
    this.singletons = singletons;
  }

  /** Protected by {@code policy}. */
  static PodApplication withAuth(BearerPolicy policy) {
    return new PodApplication(Set.of(AtlasAuthFeature.of(policy)));
  }

  /** Open to everyone: only for load comparisons on a trusted network. */
  static PodApplication withoutAuth() {
    return new PodApplication(Set.of());
  }

  /**
   * The policy the environment asks for: the key from {@code ATLAS_PRESHARED_KEY} (or its file),
   * signed URLs when {@value #SIGNING_SECRET_ENV} is set, CORS for {@value #CORS_ORIGINS_ENV}.
   *
   * @throws IllegalArgumentException or IllegalStateException saying what to set
   */
  static BearerPolicy policy(Function<String, String> env) {
    Map<String, String> settings = new HashMap<>();
    if (env.apply(SIGNING_SECRET_ENV) != null) {
      settings.put(BearerSettings.SIGNING_SECRET_ENV, SIGNING_SECRET_ENV);
    }
    String origins = env.apply(CORS_ORIGINS_ENV);
    if (origins != null && !origins.isBlank()) {
      settings.put(BearerSettings.CORS_ALLOWED_ORIGINS, origins);
    }
    return BearerSettings.toPolicy(settings, env);
  }

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(PodResources.Health.class, PodResources.V1.class);
  }

  /**
   * The configured feature instance. Deprecated in JAX-RS 4 in favour of CDI, but it is the one
   * portable way to hand a runtime a configured provider without a container, and both runtimes
   * support it.
   */
  @Override
  @SuppressWarnings("deprecation")
  public Set<Object> getSingletons() {
    return singletons;
  }
}
