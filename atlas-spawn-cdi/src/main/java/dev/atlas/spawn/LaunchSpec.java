package dev.atlas.spawn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the spawner asks a provider to launch: the caller's request, the environment with the
 * injected credential, and a launch id unique to this spawn. Holds secrets: {@link #toString()}
 * shows variable names only, and providers must never log or echo {@link #environmentWithSecrets()}.
 */
public final class LaunchSpec {
  private static final Pattern LAUNCH_ID = Pattern.compile("[a-z0-9]{6,32}");

  private final ComputeRequest request;
  private final String launchId;
  private final Map<String, String> environment;

  private LaunchSpec(ComputeRequest request, String launchId, Map<String, String> environment) {
    this.request = request;
    this.launchId = launchId;
    this.environment = environment;
  }

  /**
   * A launch of {@code request} with the injected variables {@code injected} (only {@link
   * ReservedEnv} names), which are added after the request's env. {@link ReservedEnv#LAUNCH_ID} is
   * always added.
   *
   * @param launchId 6 to 32 lowercase letters and digits, unique per spawn
   * @throws IllegalArgumentException if the launch id is malformed or {@code injected} has a name
   *     that is not reserved
   */
  public static LaunchSpec of(ComputeRequest request, String launchId, Map<String, String> injected) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(launchId, "launchId");
    Objects.requireNonNull(injected, "injected");
    if (!LAUNCH_ID.matcher(launchId).matches()) {
      throw new IllegalArgumentException("launchId: expected [a-z0-9]{6,32}, was '" + launchId + "'");
    }
    Map<String, String> env = new LinkedHashMap<>(request.env());
    injected.forEach(
        (name, value) -> {
          if (!ReservedEnv.NAMES.contains(name)) {
            throw new IllegalArgumentException("injected: " + name + " is not a reserved variable");
          }
          env.put(name, Objects.requireNonNull(value, "injected value"));
        });
    env.put(ReservedEnv.LAUNCH_ID, launchId);
    return new LaunchSpec(request, launchId, Collections.unmodifiableMap(env));
  }

  public ComputeRequest request() {
    return request;
  }

  /** A non-secret id unique to this spawn; also in the pod's env as {@code ATLAS_LAUNCH_ID}. */
  public String launchId() {
    return launchId;
  }

  /** The request's name, or {@code atlas-<launchId>} when it has none. */
  public String name() {
    return request.name().orElse("atlas-" + launchId);
  }

  /**
   * The pod's full environment: the request's env, then the injected credential variables, then
   * {@code ATLAS_LAUNCH_ID}. Contains secrets: pass it to the pod and nowhere else.
   */
  public Map<String, String> environmentWithSecrets() {
    return environment;
  }

  @Override
  public String toString() {
    return "LaunchSpec[launchId=" + launchId + ", name=" + name() + ", env=" + environment.keySet()
        + ", request=" + request + "]";
  }
}
