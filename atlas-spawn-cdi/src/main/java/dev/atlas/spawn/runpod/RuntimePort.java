package dev.atlas.spawn.runpod;

import java.util.Objects;
import java.util.Optional;

/**
 * A live port mapping of a running pod ({@code runtime.ports[]}).
 *
 * @param privatePort the port inside the container
 * @param publicPort the port on {@link #ip}, for TCP ports
 * @param type {@code http} or {@code tcp}
 * @param ip the public IP, for TCP ports
 */
public record RuntimePort(int privatePort, Optional<Integer> publicPort, String type, Optional<String> ip) {
  public RuntimePort {
    Objects.requireNonNull(publicPort, "publicPort");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ip, "ip");
  }
}
