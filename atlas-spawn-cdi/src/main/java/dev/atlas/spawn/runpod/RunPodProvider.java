package dev.atlas.spawn.runpod;

import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.Gpu;
import dev.atlas.spawn.LaunchSpec;
import dev.atlas.spawn.ProviderCapabilities;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code runpod} provider: GPU pods on RunPod's REST API v2.
 *
 * <p>Each spawn is named {@code atlas-<owner>-<launchId>} on RunPod; that name is how an ambiguous
 * create is reconciled (RunPod has no idempotency key and no tags), so a name given in the request
 * is not used on RunPod. {@link #spawn}, {@link #get} and {@link #list} all report RunPod's name.
 *
 * <p>HTTP ports are reached through RunPod's proxy, {@code https://<podId>-<port>.proxy.runpod.net},
 * which is public: the pod checks the bearer token itself. TCP ports come from the pod's runtime
 * mappings once it runs. Provider options: {@value #OPTION_TEMPLATE_ID}, {@value #OPTION_REGISTRY}
 * (registry credential id), {@value #OPTION_ARGS} (container arguments) and {@value
 * #OPTION_GPU_IDS} (comma-separated RunPod GPU ids to try instead of the canonical GPU's).
 */
public final class RunPodProvider implements ComputeProvider {
  /** The provider's name. */
  public static final String NAME = "runpod";
  /** Provider option: the id of a RunPod template to base the pod on. */
  public static final String OPTION_TEMPLATE_ID = "templateId";
  /** Provider option: the id of a registry credential, for private images. */
  public static final String OPTION_REGISTRY = "registry";
  /** Provider option: the arguments passed to the container's entrypoint. */
  public static final String OPTION_ARGS = "args";
  /** Provider option: RunPod GPU ids to try, comma-separated, ordered by the catalog's stock. */
  public static final String OPTION_GPU_IDS = "gpuIds";

  private static final System.Logger LOG = System.getLogger(RunPodProvider.class.getName());
  private static final ProviderCapabilities CAPABILITIES = ProviderCapabilities.builder()
      .gpus(soldGpus())
      .gpuRequired(true)
      .stopStart(true)
      .volumes(true)
      .maxPorts(RunPodMapping.MAX_PORTS)
      .build();

  private final RunPodConfig config;
  private final RunPodClient client;
  private final PodCreator creator;
  private final GpuCandidates candidates;
  /** Pods whose create was ambiguous, by id: their name is swept again on terminate. */
  private final Map<String, String> sweepOnTerminate = new ConcurrentHashMap<>();

  private RunPodProvider(RunPodConfig config, RunPodClient client) {
    this.config = config;
    this.client = client;
    this.creator = new PodCreator(client, config);
    this.candidates = new GpuCandidates(client, config.clock(), config.catalogTtl());
  }

  /**
   * A provider for {@code config}.
   *
   * @throws IllegalStateException when {@code config} has no API key
   */
  public static RunPodProvider create(RunPodConfig config) {
    return new RunPodProvider(config, RunPodClient.create(config));
  }

  /** A provider for {@code config} that sends through {@code http}. */
  public static RunPodProvider create(RunPodConfig config, HttpClient http) {
    return new RunPodProvider(config, RunPodClient.create(config, http));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProviderCapabilities capabilities() {
    return CAPABILITIES;
  }

  /** The client this provider speaks through, for calls the SPI does not cover. */
  public RunPodClient client() {
    return client;
  }

  /**
   * The live GPU catalog for pods of {@code count} GPUs, with availability.
   *
   * @throws ComputeException when RunPod cannot be read
   */
  public List<GpuType> gpuCatalog(int count) {
    try {
      return candidates.catalog(count);
    } catch (RunPodApiException e) {
      throw RunPodErrors.toCompute(e, null);
    }
  }

  @Override
  public Compute spawn(LaunchSpec spec) {
    Objects.requireNonNull(spec, "spec");
    List<String> gpuIds = RunPodMapping.gpuIds(spec.request());
    String podName = config.namePrefix() + spec.launchId();
    PodSpec body = RunPodMapping.podSpec(spec, podName, gpuIds.get(0));
    try {
      List<PodCreator.Candidate> order =
          candidates.order(gpuIds, RunPodMapping.clouds(spec.request()), spec.request().gpuCount());
      PodCreator.Created created = creator.create(body, order);
      if (created.afterAmbiguity()) {
        sweepOnTerminate.put(created.pod().id(), podName);
      }
      return RunPodMapping.compute(created.pod());
    } catch (RunPodApiException e) {
      throw RunPodErrors.toCompute(e, null);
    }
  }

  @Override
  public Optional<Compute> get(String id) {
    Objects.requireNonNull(id, "id");
    try {
      return Optional.of(RunPodMapping.compute(client.getPod(id)));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not a RunPod id: RunPod cannot know it
    } catch (RunPodApiException e) {
      if (e.failure() == RunPodApiException.Failure.HTTP && e.status() == 404) {
        return Optional.empty();
      }
      throw RunPodErrors.toCompute(e, id);
    }
  }

  @Override
  public List<Compute> list() {
    try {
      List<Compute> out = new ArrayList<>();
      for (Pod pod : client.listPods()) {
        out.add(RunPodMapping.compute(pod));
      }
      return out;
    } catch (RunPodApiException e) {
      throw RunPodErrors.toCompute(e, null);
    }
  }

  /** The pods whose name carries this provider's prefix, {@code atlas-<owner>-}: ours to reap. */
  public List<Compute> listOwned() {
    List<Compute> out = new ArrayList<>();
    for (Compute c : list()) {
      if (c.name().filter(n -> n.startsWith(config.namePrefix())).isPresent()) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public Compute stop(String id) {
    return action(id, true);
  }

  @Override
  public Compute start(String id) {
    return action(id, false);
  }

  private Compute action(String id, boolean stop) {
    Objects.requireNonNull(id, "id");
    try {
      return RunPodMapping.compute(stop ? client.stop(id) : client.start(id));
    } catch (IllegalArgumentException e) {
      throw ComputeException.builder(ComputeException.Kind.NOT_FOUND, "no RunPod pod can have the id given: "
          + e.getMessage()).provider(NAME).build();
    } catch (RunPodApiException e) {
      throw RunPodErrors.toCompute(e, id);
    }
  }

  @Override
  public void terminate(String id) {
    Objects.requireNonNull(id, "id");
    try {
      boolean deleted = client.terminate(id);
      LOG.log(Level.INFO, "RunPod pod {0} {1}", id, deleted ? "terminated" : "was already gone");
      String name = sweepOnTerminate.get(id);
      if (name != null) {
        for (Pod other : client.findByName(name)) {
          client.terminate(other.id());
          LOG.log(Level.WARNING, "terminated RunPod pod {0}, a late duplicate of {1} ({2})", other.id(), id, name);
        }
        sweepOnTerminate.remove(id); // only once the sweep is done: a failed one is redone on the retry
      }
    } catch (IllegalArgumentException e) {
      // Not a RunPod id: no such pod can exist, and terminate of an unknown pod is a success.
    } catch (RunPodApiException e) {
      throw RunPodErrors.toCompute(e, id);
    }
  }

  private static Set<Gpu> soldGpus() {
    Set<Gpu> sold = EnumSet.noneOf(Gpu.class);
    for (Gpu gpu : Gpu.values()) {
      if (!gpu.providerIds(Gpu.RUNPOD).isEmpty()) {
        sold.add(gpu);
      }
    }
    return sold;
  }

  @Override
  public String toString() {
    return "RunPodProvider[" + config + "]";
  }
}
