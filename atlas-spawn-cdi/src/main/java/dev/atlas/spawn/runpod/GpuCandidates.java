package dev.atlas.spawn.runpod;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orders GPU candidates by RunPod's catalog ({@code GET /v2/catalog/gpus?include=AVAILABILITY&product=POD}):
 * stock first (HIGH, MEDIUM, LOW, unknown, NONE), then the caller's preference, then price. Types the
 * catalog does not offer on the cloud are dropped, unless that would drop them all. Catalog reads are
 * reused for {@link RunPodConfig#catalogTtl()}; when the catalog cannot be read, the caller's order
 * stands (the catalog orders candidates, it reserves nothing).
 */
final class GpuCandidates {
  private static final System.Logger LOG = System.getLogger(GpuCandidates.class.getName());

  private record Read(Instant at, List<GpuType> gpus) {}

  private final RunPodClient client;
  private final Clock clock;
  private final Duration ttl;
  private final Map<Integer, Read> cache = new ConcurrentHashMap<>();

  GpuCandidates(RunPodClient client, Clock clock, Duration ttl) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  /** The catalog for pods of {@code count} GPUs, possibly from the cache; throws when unreadable. */
  List<GpuType> catalog(int count) {
    Instant now = clock.instant();
    Read read = cache.get(count);
    if (read == null || !now.isBefore(read.at().plus(ttl))) {
      read = new Read(now, client.gpuTypes(count, null));
      cache.put(count, read);
    }
    return read.gpus();
  }

  /** {@code preferred} GPU ids on each of {@code clouds}, in the order to try them. */
  List<PodCreator.Candidate> order(List<String> preferred, List<Cloud> clouds, int count) {
    List<PodCreator.Candidate> all = new ArrayList<>();
    for (String id : preferred) {
      for (Cloud cloud : clouds) {
        all.add(new PodCreator.Candidate(id, cloud));
      }
    }
    if (all.size() < 2) {
      return all; // nothing to order: save the call
    }
    List<GpuType> catalog;
    try {
      catalog = catalog(count);
    } catch (RunPodApiException e) {
      if (e.failure() == RunPodApiException.Failure.INTERRUPTED) {
        throw e;
      }
      LOG.log(Level.DEBUG, "GPU catalog unreadable, keeping the given order: {0}", e.getMessage());
      return all;
    }
    return order(all, preferred, catalog);
  }

  static List<PodCreator.Candidate> order(
      List<PodCreator.Candidate> all, List<String> preferred, List<GpuType> catalog) {
    Map<String, GpuType> byId = new HashMap<>();
    catalog.forEach(g -> byId.put(g.id(), g));
    List<PodCreator.Candidate> offered = new ArrayList<>();
    for (PodCreator.Candidate c : all) {
      GpuType g = byId.get(c.gpuId());
      if (g != null && g.offeredOn(c.cloud())) {
        offered.add(c);
      }
    }
    List<PodCreator.Candidate> out = new ArrayList<>(offered.isEmpty() ? all : offered);
    Comparator<PodCreator.Candidate> byStock =
        Comparator.comparingInt(c -> rank(byId.get(c.gpuId())));
    Comparator<PodCreator.Candidate> byPreference = Comparator.comparingInt(c -> preferred.indexOf(c.gpuId()));
    Comparator<PodCreator.Candidate> byPrice = Comparator.comparingDouble(
        c -> byId.containsKey(c.gpuId()) ? byId.get(c.gpuId()).price(c.cloud()) : Double.MAX_VALUE);
    out.sort(byStock.thenComparing(byPreference).thenComparing(byPrice));
    return out;
  }

  private static int rank(GpuType g) {
    if (g == null) {
      return 3;
    }
    return switch (g.availability()) {
      case HIGH -> 0;
      case MEDIUM -> 1;
      case LOW -> 2;
      case UNKNOWN -> 3;
      case NONE -> 4;
    };
  }
}
