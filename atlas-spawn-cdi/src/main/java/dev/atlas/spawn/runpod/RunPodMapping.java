package dev.atlas.spawn.runpod;

import dev.atlas.spawn.CloudType;
import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.ComputeException.Kind;
import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.ComputeStatus;
import dev.atlas.spawn.Gpu;
import dev.atlas.spawn.LaunchSpec;
import dev.atlas.spawn.Port;
import dev.atlas.spawn.Volume;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Translates between the spawner's types and RunPod v2's. */
final class RunPodMapping {
  /** Most HTTP ports RunPod exposes per pod ("Expose HTTP Ports (Max 10)"). */
  static final int MAX_PORTS = 10;
  static final Set<String> OPTIONS = Set.of(
      RunPodProvider.OPTION_TEMPLATE_ID, RunPodProvider.OPTION_REGISTRY, RunPodProvider.OPTION_ARGS,
      RunPodProvider.OPTION_GPU_IDS);

  private RunPodMapping() {}

  /** The GPU ids to try, most preferred first: the {@code gpuIds} option, else the canonical GPU's ids. */
  static List<String> gpuIds(ComputeRequest request) {
    String option = request.providerOptions().get(RunPodProvider.OPTION_GPU_IDS);
    if (option != null) {
      List<String> ids = new ArrayList<>();
      for (String id : option.split(",")) {
        if (!id.isBlank() && !ids.contains(id.strip())) {
          ids.add(id.strip());
        }
      }
      if (ids.isEmpty()) {
        throw refused(Kind.VALIDATION, RunPodProvider.OPTION_GPU_IDS + ": names no GPU type");
      }
      return ids;
    }
    Gpu gpu = request.gpu().orElseThrow(() -> refused(Kind.UNSUPPORTED,
        "gpu: RunPod pods need a GPU type here (CPU pods are not supported)"));
    List<String> ids = gpu.providerIds(Gpu.RUNPOD);
    if (ids.isEmpty()) {
      throw refused(Kind.UNSUPPORTED, "gpu: RunPod does not sell " + gpu);
    }
    return ids;
  }

  /** The clouds to try: the requested one, else RunPod's default, SECURE (never community by surprise). */
  static List<Cloud> clouds(ComputeRequest request) {
    CloudType type = request.cloudType().orElse(CloudType.SECURE);
    return List.of(type == CloudType.COMMUNITY ? Cloud.COMMUNITY : Cloud.SECURE);
  }

  /** The create body for the first candidate; {@link PodCreator} swaps the GPU per candidate. */
  static PodSpec podSpec(LaunchSpec launch, String podName, String gpuId) {
    ComputeRequest request = launch.request();
    for (String key : request.providerOptions().keySet()) {
      if (!OPTIONS.contains(key)) {
        throw refused(Kind.UNSUPPORTED,
            "providerOptions: RunPod has no option '" + key + "'; known: " + OPTIONS.stream().sorted().toList());
      }
    }
    if (request.ports().size() > MAX_PORTS) {
      throw refused(Kind.UNSUPPORTED,
          "ports: RunPod exposes at most " + MAX_PORTS + " ports, " + request.ports().size() + " requested");
    }
    Map<String, String> env = launch.environmentWithSecrets();
    if (env.size() > PodSpec.MAX_ENV) {
      throw refused(Kind.UNSUPPORTED,
          "env: RunPod accepts at most " + PodSpec.MAX_ENV + " variables, " + env.size() + " given");
    }
    try {
      PodSpec.Builder b = PodSpec.builder(podName, gpuId).gpu(gpuId, request.gpuCount()).image(request.image());
      request.ports().forEach(p -> b.port(p.toString()));
      env.forEach(b::env);
      request.diskGb().ifPresent(b::diskGb);
      request.volume().ifPresent(v -> b.mount(mount(v)));
      if (!request.regionHints().isEmpty()) {
        b.dataCenterIds(request.regionHints());
      }
      Map<String, String> options = request.providerOptions();
      if (options.containsKey(RunPodProvider.OPTION_TEMPLATE_ID)) {
        b.templateId(options.get(RunPodProvider.OPTION_TEMPLATE_ID));
      }
      if (options.containsKey(RunPodProvider.OPTION_REGISTRY)) {
        b.registry(options.get(RunPodProvider.OPTION_REGISTRY));
      }
      if (options.containsKey(RunPodProvider.OPTION_ARGS)) {
        b.args(options.get(RunPodProvider.OPTION_ARGS));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      // PodSpec's messages name the field and never an env value.
      throw refused(Kind.VALIDATION, e.getMessage());
    }
  }

  private static PodSpec.Mount mount(Volume volume) {
    if (volume instanceof Volume.Persistent p) {
      if (p.sizeGb() < 10) {
        throw new IllegalArgumentException("volume: RunPod's persistent volumes start at 10 GB, was " + p.sizeGb());
      }
      return new PodSpec.PersistentMount(p.sizeGb(), p.mountPath());
    }
    Volume.Network n = (Volume.Network) volume;
    return new PodSpec.NetworkMount(n.volumeId(), n.mountPath());
  }

  /** The spawner's view of a pod, under RunPod's name for it. */
  static Compute compute(Pod pod) {
    Compute.Builder b = Compute.builder(pod.id(), RunPodProvider.NAME, status(pod.status()), pod.createdAt())
        .name(pod.name())
        .costPerHour(BigDecimal.valueOf(pod.costPerHour()));
    if (pod.status() == PodStatus.ERROR) {
      b.statusDetail("RunPod status ERROR (unrecoverable)");
    } else if (pod.status() == PodStatus.UNKNOWN) {
      b.statusDetail("a RunPod status this client does not know");
    }
    pod.dataCenterId().ifPresent(b::region);
    pod.gpuId().ifPresent(id -> b.gpu(Gpu.fromProviderId(Gpu.RUNPOD, id).orElse(null), pod.gpuCount()));
    for (String declared : pod.ports()) {
      Port port;
      try {
        port = Port.parse(declared);
      } catch (IllegalArgumentException e) {
        continue; // a port form this client does not know: no endpoint
      }
      if (port.protocol() == Port.Protocol.HTTP) {
        b.endpoint(port, URI.create(pod.proxyUrl(port.number())));
      } else {
        tcpUrl(pod, port.number()).ifPresent(url -> b.endpoint(port, url));
      }
    }
    return b.build();
  }

  private static Optional<URI> tcpUrl(Pod pod, int number) {
    for (RuntimePort rp : pod.runtimePorts()) {
      if (rp.privatePort() == number && rp.ip().isPresent() && rp.publicPort().isPresent()) {
        String ip = rp.ip().get();
        String host = ip.indexOf(':') >= 0 && !ip.startsWith("[") ? "[" + ip + "]" : ip;
        return Optional.of(URI.create("tcp://" + host + ":" + rp.publicPort().get()));
      }
    }
    return Optional.empty();
  }

  static ComputeStatus status(PodStatus status) {
    return switch (status) {
      case PROVISIONING -> ComputeStatus.PROVISIONING;
      case STARTING, UNKNOWN -> ComputeStatus.STARTING;
      case RUNNING -> ComputeStatus.RUNNING;
      case EXITED -> ComputeStatus.STOPPED;
      case ERROR -> ComputeStatus.FAILED;
      case TERMINATED -> ComputeStatus.TERMINATED;
    };
  }

  static ComputeException refused(Kind kind, String message) {
    return ComputeException.builder(kind, message).provider(RunPodProvider.NAME).build();
  }
}
