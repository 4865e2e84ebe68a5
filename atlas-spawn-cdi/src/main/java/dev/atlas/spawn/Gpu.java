package dev.atlas.spawn;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Canonical, provider-independent GPU types, each mapped to the identifiers of the providers that
 * sell it (the mapping of upstream ExAtlas's GPU catalog, with RunPod's current REST v2 ids).
 *
 * <p>Providers translate with {@link #providerId(String)}. RunPod ids are the {@code gpu.id} values
 * of {@code POST /v2/pods} (e.g. {@code "NVIDIA GeForce RTX 4090"}); a mistyped id there reads like
 * "no capacity", so never hand-type one. Lambda Labs ids encode the count ({@code gpu_1x_...}); the
 * entry is the one-GPU name and a provider swaps {@code 1x} for the requested count. Vast.ai sells
 * several variants under separate names, so its entry is a list.
 */
public enum Gpu {
  H200(Map.of(Gpu.RUNPOD, List.of("NVIDIA H200"), Gpu.VAST, List.of("H200", "H200 NVL"))),
  /** H100 SXM on RunPod (80 GB HBM3); the PCIe card on Lambda Labs, as upstream. */
  H100(
      Map.of(
          Gpu.RUNPOD, List.of("NVIDIA H100 80GB HBM3"),
          Gpu.LAMBDA_LABS, List.of("gpu_1x_h100_pcie"),
          Gpu.VAST, List.of("H100 SXM", "H100 PCIE", "H100 NVL"))),
  H100_PCIE(Map.of(Gpu.RUNPOD, List.of("NVIDIA H100 PCIe"))),
  H100_SXM(Map.of(Gpu.LAMBDA_LABS, List.of("gpu_1x_h100_sxm5"))),
  A100_80G(
      Map.of(
          Gpu.RUNPOD, List.of("NVIDIA A100 80GB PCIe"),
          Gpu.LAMBDA_LABS, List.of("gpu_1x_a100_80gb_sxm4"),
          Gpu.VAST, List.of("A100 SXM4", "A100 PCIE"))),
  A100_40G(
      Map.of(
          Gpu.RUNPOD, List.of("NVIDIA A100-SXM4-40GB"),
          Gpu.LAMBDA_LABS, List.of("gpu_1x_a100_sxm4"),
          Gpu.VAST, List.of("A100 SXM4", "A100 PCIE"))),
  L40S(Map.of(Gpu.RUNPOD, List.of("NVIDIA L40S"), Gpu.VAST, List.of("L40S"))),
  L40(Map.of(Gpu.RUNPOD, List.of("NVIDIA L40"))),
  L4(Map.of(Gpu.RUNPOD, List.of("NVIDIA L4"), Gpu.VAST, List.of("L4"))),
  A10(Map.of(Gpu.LAMBDA_LABS, List.of("gpu_1x_a10"), Gpu.VAST, List.of("A10"))),
  A6000(
      Map.of(
          Gpu.RUNPOD, List.of("NVIDIA RTX A6000"),
          Gpu.LAMBDA_LABS, List.of("gpu_1x_a6000"),
          Gpu.VAST, List.of("RTX A6000"))),
  A5000(Map.of(Gpu.RUNPOD, List.of("NVIDIA RTX A5000"), Gpu.VAST, List.of("RTX A5000"))),
  A4000(Map.of(Gpu.RUNPOD, List.of("NVIDIA RTX A4000"), Gpu.VAST, List.of("RTX A4000"))),
  RTX_6000(Map.of(Gpu.LAMBDA_LABS, List.of("gpu_1x_rtx6000"))),
  RTX_6000_ADA(
      Map.of(Gpu.RUNPOD, List.of("NVIDIA RTX 6000 Ada Generation"), Gpu.VAST, List.of("RTX 6000Ada"))),
  RTX_5090(Map.of(Gpu.RUNPOD, List.of("NVIDIA GeForce RTX 5090"))),
  RTX_4090(Map.of(Gpu.RUNPOD, List.of("NVIDIA GeForce RTX 4090"), Gpu.VAST, List.of("RTX 4090"))),
  RTX_3090(Map.of(Gpu.RUNPOD, List.of("NVIDIA GeForce RTX 3090"), Gpu.VAST, List.of("RTX 3090"))),
  GH200(Map.of(Gpu.LAMBDA_LABS, List.of("gpu_1x_gh200"))),
  MI300X(Map.of(Gpu.RUNPOD, List.of("AMD Instinct MI300X OAM")));

  /** Provider name of RunPod in {@link #providerId(String)}. */
  public static final String RUNPOD = "runpod";
  /** Provider name of Lambda Labs in {@link #providerId(String)}. */
  public static final String LAMBDA_LABS = "lambda_labs";
  /** Provider name of Vast.ai in {@link #providerId(String)}. */
  public static final String VAST = "vast";

  private final Map<String, List<String>> ids;

  Gpu(Map<String, List<String>> ids) {
    this.ids = ids;
  }

  /** The provider's identifier for this GPU, or empty if that provider does not sell it. */
  public Optional<String> providerId(String provider) {
    return providerIds(provider).stream().findFirst();
  }

  /** Every identifier the provider uses for this GPU (several on Vast.ai); empty if none. */
  public List<String> providerIds(String provider) {
    Objects.requireNonNull(provider, "provider");
    return ids.getOrDefault(provider, List.of());
  }

  /**
   * The canonical GPU a provider's identifier stands for (the first, in declaration order, when
   * several share it), e.g. {@code fromProviderId("runpod", "NVIDIA L4")} is {@link #L4}.
   */
  public static Optional<Gpu> fromProviderId(String provider, String id) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(id, "id");
    for (Gpu gpu : values()) {
      if (gpu.providerIds(provider).contains(id)) {
        return Optional.of(gpu);
      }
    }
    return Optional.empty();
  }

  /**
   * Parses a canonical name case-insensitively, with {@code -} or {@code _} as separator: {@code
   * "h100"}, {@code "RTX_4090"}, {@code "rtx-4090"}.
   *
   * @throws IllegalArgumentException naming the value if no GPU has that name
   */
  public static Gpu parse(String name) {
    Objects.requireNonNull(name, "name");
    String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Gpu gpu : values()) {
      if (gpu.name().equals(key)) {
        return gpu;
      }
    }
    throw new IllegalArgumentException("gpu: unknown GPU type '" + name + "'");
  }
}
