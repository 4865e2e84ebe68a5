package dev.atlas.spawn.local;

import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.LaunchSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Run as its own JVM by {@link LocalComputeProviderTest}: spawns a pod, prints the pod's pid, and
 * exits without closing the provider, so only the shutdown hook can end the pod.
 */
public final class ShutdownHookProbe {
  private ShutdownHookProbe() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    LocalComputeProvider local = LocalComputeProvider.create(dir, dir, Duration.ofSeconds(2), Clock.systemUTC());
    String id = local.spawn(LaunchSpec.of(ComputeRequest.builder("sleep 120").build(), "probe0001", Map.of())).id();
    System.out.println("pid=" + local.pid(id).orElseThrow());
    System.out.flush();
    System.exit(0);
  }
}
