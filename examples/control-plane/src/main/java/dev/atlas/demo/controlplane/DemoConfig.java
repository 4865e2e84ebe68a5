package dev.atlas.demo.controlplane;

import dev.atlas.spawn.ProviderSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The demo's settings, read once at start from system properties or the environment.
 *
 * @param podCommand the local pod's command line ({@value #POD_COMMAND_KEY})
 * @param idleTtl a session without heartbeat for this long is ended ({@value #IDLE_TTL_KEY})
 * @param readyTimeout how long a pod may take to get ready ({@value #READY_TIMEOUT_KEY})
 * @param maxSessions how many pods may run at once ({@value #MAX_SESSIONS_KEY})
 * @param origins the page's origins, allowed by the pods' CORS and for {@code POST /sessions}
 * @param clock the time source for idle checks
 */
public record DemoConfig(
    String podCommand, Duration idleTtl, Duration readyTimeout, int maxSessions, List<String> origins, Clock clock) {
  public static final String POD_COMMAND_KEY = "atlas.demo.pod-command";
  public static final String IDLE_TTL_KEY = "atlas.demo.idle-ttl";
  public static final String READY_TIMEOUT_KEY = "atlas.demo.ready-timeout";
  public static final String MAX_SESSIONS_KEY = "atlas.demo.max-sessions";
  /** The inference pod example, run from the repository root. */
  public static final String DEFAULT_POD_COMMAND = "java -jar examples/inference-pod/target/inference-pod.jar";

  public DemoConfig {
    Objects.requireNonNull(podCommand, "podCommand");
    Objects.requireNonNull(idleTtl, "idleTtl");
    Objects.requireNonNull(readyTimeout, "readyTimeout");
    Objects.requireNonNull(clock, "clock");
    origins = List.copyOf(origins);
    if (maxSessions < 1) {
      throw new IllegalArgumentException(MAX_SESSIONS_KEY + ": must be positive, was " + maxSessions);
    }
  }

  /** The settings for a control plane listening on {@code port}. */
  public static DemoConfig from(ProviderSettings settings, int port) {
    String max = settings.get(MAX_SESSIONS_KEY, "4");
    int maxSessions;
    try {
      maxSessions = Integer.parseInt(max);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(MAX_SESSIONS_KEY + ": not a number: '" + max + "'");
    }
    return new DemoConfig(
        settings.get(POD_COMMAND_KEY, DEFAULT_POD_COMMAND),
        settings.duration(IDLE_TTL_KEY, Duration.ofMinutes(2)),
        settings.duration(READY_TIMEOUT_KEY, Duration.ofSeconds(60)),
        maxSessions,
        originsFor(port),
        Clock.systemUTC());
  }

  /** {@code http://localhost:<port>} and {@code http://127.0.0.1:<port>}. */
  public static List<String> originsFor(int port) {
    return List.of("http://localhost:" + port, "http://127.0.0.1:" + port);
  }

  /** This config with other origins (once the real port is known). */
  public DemoConfig withOrigins(List<String> origins) {
    return new DemoConfig(podCommand, idleTtl, readyTimeout, maxSessions, origins, clock);
  }
}
