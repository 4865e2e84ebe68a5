package dev.atlas.auth.jaxrs;

import dev.atlas.auth.http.BearerPolicy;
import dev.atlas.auth.http.BearerSettings;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns on bearer authentication for a JAX-RS application: registers {@link BearerAuthFilter} and
 * its {@code @PermitAll} support.
 *
 * <p>Two ways in. Typed: {@code register(AtlasAuthFeature.of(BearerPolicy.builder()
 * .key(PresharedKey.fromEnvironment()).build()))}. Or by configuration: register the class (or
 * let the runtime discover it, it is a {@code @Provider}), and it reads the application's
 * properties named {@value #PROPERTY_PREFIX} plus a {@link BearerSettings} name, e.g. {@code
 * atlas.auth.excludePaths=/metrics/*}, and the key from {@code ATLAS_PRESHARED_KEY} (or the
 * variables the settings name). Either way, a missing key, an unknown setting or an invalid value
 * fails the application's start with a message saying what to set; it never runs unprotected.
 */
@Provider
public final class AtlasAuthFeature implements Feature {
  /** The prefix of the configuration properties this feature reads. */
  public static final String PROPERTY_PREFIX = "atlas.auth.";

  private static final System.Logger LOG = System.getLogger(AtlasAuthFeature.class.getName());

  private final BearerPolicy policy; // null: read from the configuration
  private final Function<String, String> env;

  /** Configured from the application's {@value #PROPERTY_PREFIX} properties and the environment. */
  public AtlasAuthFeature() {
    this(null, System::getenv);
  }

  AtlasAuthFeature(BearerPolicy policy, Function<String, String> env) {
    this.policy = policy;
    this.env = env;
  }

  /** The feature for this policy; the application's properties are not read. */
  public static AtlasAuthFeature of(BearerPolicy policy) {
    return new AtlasAuthFeature(Objects.requireNonNull(policy, "policy"), System::getenv);
  }

  /** The feature configured from the application's properties, reading secrets from {@code env}. */
  static AtlasAuthFeature fromConfiguration(Function<String, String> env) {
    return new AtlasAuthFeature(null, Objects.requireNonNull(env, "env"));
  }

  /**
   * Registers the filter.
   *
   * @throws IllegalArgumentException naming an unknown or invalid {@value #PROPERTY_PREFIX} property
   * @throws IllegalStateException when no usable key is configured, saying what to set
   */
  @Override
  public boolean configure(FeatureContext context) {
    if (context.getConfiguration().isRegistered(BearerAuthFilter.class)) {
      return false; // registered twice (explicitly and by discovery, say): one filter is enough
    }
    BearerPolicy p = policy != null ? policy : policyFrom(context.getConfiguration().getProperties());
    OpenEndpoints open = new OpenEndpoints();
    Answers answers = new Answers(p);
    context.register(new BearerAuthFilter(p, open, answers));
    context.register(new PermitAllGuard(open, answers));
    context.register(new PermitAllScan(open));
    LOG.log(Level.INFO, "bearer auth active: {0}", p);
    return true;
  }

  private BearerPolicy policyFrom(Map<String, Object> properties) {
    try {
      return BearerSettings.toPolicy(ConfigurationSettings.from(properties), env);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("AtlasAuthFeature: " + e.getMessage() + " (properties " + PROPERTY_PREFIX + "*)", e);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("AtlasAuthFeature cannot start: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "AtlasAuthFeature[" + (policy != null ? policy : "from " + PROPERTY_PREFIX + "* properties") + "]";
  }
}
