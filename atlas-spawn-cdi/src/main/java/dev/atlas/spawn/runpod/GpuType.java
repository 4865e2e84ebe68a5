package dev.atlas.spawn.runpod;

import java.util.List;
import java.util.Objects;

/**
 * One GPU type of the catalog ({@code GET /v2/catalog/gpus}).
 *
 * @param id the identifier to put in a create's {@code gpu.id}, such as {@code NVIDIA GeForce RTX 4090}
 * @param name the display name, such as {@code RTX 4090}
 * @param memoryGb VRAM in GB
 * @param secure offered on the secure cloud
 * @param community offered on the community cloud
 * @param securePrice USD per hour for one GPU on the secure cloud
 * @param communityPrice USD per hour for one GPU on the community cloud
 * @param availability current pod stock, when requested with {@code include=AVAILABILITY}
 * @param dataCenterIds the data centers that have it in the requested configuration
 */
public record GpuType(
    String id,
    String name,
    int memoryGb,
    boolean secure,
    boolean community,
    double securePrice,
    double communityPrice,
    Availability availability,
    List<String> dataCenterIds) {
  public GpuType {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(availability, "availability");
    dataCenterIds = List.copyOf(dataCenterIds);
  }

  /** The list price per GPU-hour on {@code cloud}. */
  public double price(Cloud cloud) {
    return cloud == Cloud.COMMUNITY ? communityPrice : securePrice;
  }

  /** Whether the type is offered on {@code cloud}. */
  public boolean offeredOn(Cloud cloud) {
    return cloud == Cloud.COMMUNITY ? community : secure;
  }
}
