package dev.atlas.auth.jaxrs;

import dev.atlas.auth.PresharedKey;
import dev.atlas.auth.Token;
import dev.atlas.auth.http.BearerPolicy;
import jakarta.ws.rs.core.Application;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The applications the contract suite runs, each an {@link Application} any runtime can deploy. */
final class ContractApps {
  static final String K = Token.mint().token();
  static final String SECRET = "contract-signing-secret-0123456789abcdef";
  static final String ORIGIN = "http://localhost:8080";
  /** The environment the configuration-driven feature reads, instead of the process's. */
  static final Map<String, String> ENV = Map.of("ATLAS_PRESHARED_KEY", K, "CONTRACT_SIGNING_SECRET", SECRET);

  private ContractApps() {}

  /** An application of these parts. */
  static Application of(Set<Class<?>> classes, Set<Object> singletons, Map<String, Object> properties) {
    return new Application() {
      @Override
      public Set<Class<?>> getClasses() {
        return classes;
      }

      @Override
      @SuppressWarnings("deprecation") // the portable way to hand both runtimes configured instances
      public Set<Object> getSingletons() {
        return singletons;
      }

      @Override
      public Map<String, Object> getProperties() {
        return properties;
      }
    };
  }

  /**
   * Deferred mode: the application has {@code @PermitAll} methods, so refusals wait for matching.
   * Configured through {@code atlas.auth.*} properties.
   */
  static Application deferred(ContractResources.Protected api) {
    return of(
        Set.of(ContractResources.Health.class, ContractResources.Mixed.class, ContractResources.Public.class,
            ContractResources.Excluded.class),
        Set.of(api, api.reads, AtlasAuthFeature.fromConfiguration(ENV::get)),
        Map.of(
            "atlas.auth.excludePaths", "/status, /metrics/*",
            "atlas.auth.signingSecretEnv", "CONTRACT_SIGNING_SECRET",
            "atlas.auth.corsAllowedOrigins", List.of(ORIGIN)));
  }

  /** Immediate mode: no {@code @PermitAll} anywhere, refusals answered before matching. Typed. */
  static Application immediate(ContractResources.Protected api) {
    BearerPolicy policy = BearerPolicy.builder()
        .key(PresharedKey.of(K))
        .excludePaths(List.of("/status", "/metrics/*"))
        .signingSecret(SECRET)
        .corsAllowedOrigins(List.of(ORIGIN))
        .build();
    return of(Set.of(ContractResources.Excluded.class), Set.of(api, api.reads, AtlasAuthFeature.of(policy)), Map.of());
  }

  /** No key (fails closed with 503) and no CORS (real preflights pass to the application). */
  static Application keyless(ContractResources.Protected api) {
    return of(Set.of(), Set.of(api, AtlasAuthFeature.of(BearerPolicy.builder().withoutKey().build())), Map.of());
  }

  /** Configured by properties with an environment that holds no key. */
  static Application withoutKeyInEnvironment() {
    return of(Set.of(ContractResources.Health.class), Set.of(AtlasAuthFeature.fromConfiguration(name -> null)), Map.of());
  }

  /** Configured by properties, one of them misspelt. */
  static Application withUnknownProperty() {
    return of(Set.of(ContractResources.Health.class), Set.of(AtlasAuthFeature.fromConfiguration(ENV::get)),
        Map.of("atlas.auth.exludePaths", "/health"));
  }
}
