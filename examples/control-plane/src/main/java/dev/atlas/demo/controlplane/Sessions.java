package dev.atlas.demo.controlplane;

import dev.atlas.auth.Token;
import dev.atlas.spawn.AuthScheme;
import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeAuth;
import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.ComputeSpawner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * The open sessions: one local pod each. Keeps the pod id, the SHA-256 of its token and the time
 * of the last heartbeat; never the token. Ends sessions on request or when idle.
 */
@ApplicationScoped
public class Sessions {
  private static final System.Logger LOG = System.getLogger(Sessions.class.getName());

  /** The outcome of a request that names a session and presents its token. */
  enum Access {
    GRANTED,
    NOT_FOUND,
    UNAUTHORIZED
  }

  private record Session(String id, String tokenHash, Instant lastSeen) {}

  private final ComputeSpawner spawner;
  private final DemoConfig config;
  private final Map<String, Session> open = new ConcurrentHashMap<>();
  private final Semaphore slots;

  /** For the container's proxy only. */
  protected Sessions() {
    this.spawner = null;
    this.config = null;
    this.slots = null;
  }

  @Inject
  public Sessions(ComputeSpawner spawner, DemoConfig config) {
    this.spawner = spawner;
    this.config = config;
    this.slots = new Semaphore(config.maxSessions());
  }

  /**
   * Spawns a pod for a new session and waits until it is ready.
   *
   * @return empty when all slots are taken
   * @throws dev.atlas.spawn.ComputeException if the pod could not be started (it is then gone)
   */
  public Optional<OpenedSession> open() {
    if (!slots.tryAcquire()) {
      return Optional.empty();
    }
    try {
      ComputeRequest request = ComputeRequest.builder(config.podCommand())
          .port("8000/http")
          .auth(AuthScheme.BEARER)
          .env("ATLAS_CORS_ORIGINS", String.join(",", config.origins()))
          .idleTtl(config.idleTtl())
          .name("atlas-demo-session")
          .build();
      Compute pod = spawner.spawnAndAwaitReady(request, config.readyTimeout());
      ComputeAuth auth = pod.auth().orElseThrow();
      open.put(pod.id(), new Session(pod.id(), auth.hash(), config.clock().instant()));
      LOG.log(Level.INFO, "session {0} opened at {1}", pod.id(), pod.url().orElseThrow());
      return Optional.of(new OpenedSession(pod.id(), pod.url().orElseThrow(), auth.token()));
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
  }

  /** Records a heartbeat if {@code token} is the session's. */
  public Access heartbeat(String id, String token) {
    Access access = check(id, token);
    if (access == Access.GRANTED) {
      open.computeIfPresent(id, (k, s) -> new Session(s.id(), s.tokenHash(), config.clock().instant()));
    }
    return access;
  }

  /** Ends the session and terminates its pod if {@code token} is the session's. */
  public Access end(String id, String token) {
    Access access = check(id, token);
    if (access == Access.GRANTED) {
      close(id, "ended by its user");
    }
    return access;
  }

  /** Terminates every session whose last heartbeat is older than the idle TTL. */
  public List<String> reapIdle() {
    Instant cutoff = config.clock().instant().minus(config.idleTtl());
    List<String> idle = open.values().stream()
        .filter(s -> s.lastSeen().isBefore(cutoff))
        .map(Session::id)
        .collect(Collectors.toList());
    idle.forEach(id -> close(id, "idle for more than " + config.idleTtl()));
    return idle;
  }

  /** Ends every session (at shutdown). */
  public void closeAll() {
    List.copyOf(open.keySet()).forEach(id -> close(id, "control plane stopping"));
  }

  /** Ids of the open sessions. */
  public List<String> ids() {
    return List.copyOf(open.keySet());
  }

  /** How often the reaper should look: a quarter of the TTL, between 1 and 30 seconds. */
  Duration reapInterval() {
    Duration quarter = config.idleTtl().dividedBy(4);
    Duration min = Duration.ofSeconds(1);
    Duration max = Duration.ofSeconds(30);
    return quarter.compareTo(min) < 0 ? min : quarter.compareTo(max) > 0 ? max : quarter;
  }

  private Access check(String id, String token) {
    Session session = open.get(id);
    if (session == null) {
      return Access.NOT_FOUND;
    }
    return token != null && Token.valid(token, session.tokenHash()) ? Access.GRANTED : Access.UNAUTHORIZED;
  }

  private void close(String id, String why) {
    if (open.remove(id) != null) {
      try {
        spawner.terminate(id);
      } finally {
        slots.release();
      }
      LOG.log(Level.INFO, "session {0} {1}; pod terminated", id, why);
    }
  }
}
