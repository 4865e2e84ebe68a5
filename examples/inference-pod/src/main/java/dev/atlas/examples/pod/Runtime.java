package dev.atlas.examples.pod;

import java.util.Locale;

/** The JAX-RS runtimes the pod can run on, each with its own HTTP server. */
enum Runtime {
  /** Jersey 4 in Grizzly. */
  JERSEY,
  /** RESTEasy 7 behind its servlet dispatcher in embedded Tomcat 11. */
  RESTEASY;

  /** The name used on the command line and in the ready line. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Runtime parse(String name) {
    for (Runtime r : values()) {
      if (r.label().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("--runtime must be jersey or resteasy, was '" + name + "'");
  }
}
