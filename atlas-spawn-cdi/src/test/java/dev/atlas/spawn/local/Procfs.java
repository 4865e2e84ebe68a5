package dev.atlas.spawn.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads what a running process really received, from Linux's /proc. */
final class Procfs {
  private Procfs() {}

  static Map<String, String> environment(long pid) {
    try {
      String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
          StandardCharsets.UTF_8);
      Map<String, String> env = new LinkedHashMap<>();
      for (String entry : raw.split("\0")) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
          env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
      return env;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
