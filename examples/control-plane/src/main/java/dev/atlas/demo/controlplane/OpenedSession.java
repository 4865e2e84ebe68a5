package dev.atlas.demo.controlplane;

import java.net.URI;

/** What the browser gets once: the session (= pod) id, the pod's URL and its bearer token. */
final class OpenedSession {
  final String id;
  final URI url;
  private final String token;

  OpenedSession(String id, URI url, String token) {
    this.id = id;
    this.url = url;
    this.token = token;
  }

  /** The raw pod token, for the one response that hands it to the browser. */
  String token() {
    return token;
  }

  @Override
  public String toString() {
    return "OpenedSession[" + id + ", " + url + ", token=<redacted>]";
  }
}
