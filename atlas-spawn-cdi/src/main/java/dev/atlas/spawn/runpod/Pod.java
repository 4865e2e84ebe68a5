package dev.atlas.spawn.runpod;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A RunPod v2 pod as this client keeps it. RunPod's answer echoes the pod's {@code env}, our key among
 * the values; the parser drops {@code env} before this record exists, so no copy of it is kept.
 *
 * @param id RunPod's pod id
 * @param name the name given at create ({@code atlas-<owner>-<id>} for ours)
 * @param status the lifecycle status
 * @param actions the transitions legal now ({@code start}, {@code stop}, {@code restart}, {@code terminate})
 * @param image the container image, empty when RunPod did not report one
 * @param gpuId the GPU type, absent for CPU pods
 * @param gpuCount GPUs attached; 0 for CPU pods
 * @param cloud {@code SECURE} or {@code COMMUNITY}, as RunPod reports it
 * @param dataCenterId where the scheduler placed the pod
 * @param costPerHour USD per hour now (0 when exited or terminated)
 * @param ports the declared ports, such as {@code 8000/http}
 * @param runtimePorts live port mappings; empty unless running
 * @param createdAt when the pod was created
 * @param startedAt when the container last started
 */
public record Pod(
    String id,
    String name,
    PodStatus status,
    List<String> actions,
    String image,
    Optional<String> gpuId,
    int gpuCount,
    String cloud,
    Optional<String> dataCenterId,
    double costPerHour,
    List<String> ports,
    List<RuntimePort> runtimePorts,
    Instant createdAt,
    Optional<Instant> startedAt) {
  public Pod {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    actions = List.copyOf(actions);
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(gpuId, "gpuId");
    Objects.requireNonNull(cloud, "cloud");
    Objects.requireNonNull(dataCenterId, "dataCenterId");
    ports = List.copyOf(ports);
    runtimePorts = List.copyOf(runtimePorts);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /**
   * The public URL of an HTTP port: {@code https://<id>-<port>.proxy.runpod.net}. RunPod's proxy is
   * public and unauthenticated; the pod must check the bearer token itself.
   */
  public String proxyUrl(int port) {
    return "https://" + id + "-" + port + ".proxy.runpod.net";
  }
}
