package dev.atlas.spawn.runpod;

/** Stock of a GPU type in the catalog, from the best to none. */
public enum Availability {
  HIGH,
  MEDIUM,
  LOW,
  /** The catalog reports no stock (a create is still allowed, and will likely fail on capacity). */
  NONE,
  /** The catalog did not say (not requested, or a level this client does not know). */
  UNKNOWN;

  static Availability parse(String name) {
    if (name == null) {
      return UNKNOWN;
    }
    for (Availability a : values()) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return UNKNOWN;
  }
}
