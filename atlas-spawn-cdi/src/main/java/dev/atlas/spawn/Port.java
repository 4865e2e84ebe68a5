package dev.atlas.spawn;

import java.util.Locale;
import java.util.Objects;

/**
 * A port the pod listens on, written {@code <number>/<protocol>} as on RunPod: {@code 8000/http}.
 *
 * @param number the port inside the pod, 1 to 65535
 * @param protocol how the provider exposes it
 */
public record Port(int number, Protocol protocol) {

  /** How a port is exposed. */
  public enum Protocol {
    /** Behind the provider's HTTP(S) proxy: the URL is {@code http(s)://...}. */
    HTTP,
    /** A raw TCP mapping: the URL is {@code tcp://host:port}. */
    TCP
  }

  /**
   * @throws IllegalArgumentException if the number is out of range
   */
  public Port {
    Objects.requireNonNull(protocol, "protocol");
    if (number < 1 || number > 65535) {
      throw new IllegalArgumentException("ports: port out of range: " + number);
    }
  }

  /** An HTTP port. */
  public static Port http(int number) {
    return new Port(number, Protocol.HTTP);
  }

  /**
   * Parses {@code 8000/http} or {@code 22/tcp} (protocol case-insensitive, no spaces).
   *
   * @throws IllegalArgumentException naming the value if it is not of that form
   */
  public static Port parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    int slash = spec.indexOf('/');
    if (slash <= 0 || slash != spec.lastIndexOf('/') || slash == spec.length() - 1) {
      throw new IllegalArgumentException(
          "ports: expected <number>/http or <number>/tcp, was '" + spec + "'");
    }
    String digits = spec.substring(0, slash);
    if (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("ports: not a port number in '" + spec + "'");
    }
    Protocol protocol;
    switch (spec.substring(slash + 1).toLowerCase(Locale.ROOT)) {
      case "http":
        protocol = Protocol.HTTP;
        break;
      case "tcp":
        protocol = Protocol.TCP;
        break;
      default:
        throw new IllegalArgumentException(
            "ports: protocol must be http or tcp in '" + spec + "'");
    }
    return new Port(Integer.parseInt(digits), protocol);
  }

  /** The {@code <number>/<protocol>} form, e.g. {@code 8000/http}. */
  @Override
  public String toString() {
    return number + "/" + protocol.name().toLowerCase(Locale.ROOT);
  }
}
