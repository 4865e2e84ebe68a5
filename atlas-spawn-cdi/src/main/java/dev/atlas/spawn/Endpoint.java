package dev.atlas.spawn;

import java.net.URI;
import java.util.Objects;

/**
 * A pod's port and the public URL that reaches it, e.g. {@code 8000/http} at {@code
 * https://abc123-8000.proxy.runpod.net} or {@code http://127.0.0.1:41234} for a local pod.
 *
 * @param port the port inside the pod
 * @param url where callers reach it: {@code http(s)://host[:port]} without a trailing slash, or
 *     {@code tcp://host:port}
 */
public record Endpoint(Port port, URI url) {
  public Endpoint {
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(url, "url");
  }
}
