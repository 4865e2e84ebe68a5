package dev.atlas.auth.http;

import java.util.Objects;

/** One response header field that an adapter writes as it is. Never carries a secret. */
public record Header(String name, String value) {
  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
