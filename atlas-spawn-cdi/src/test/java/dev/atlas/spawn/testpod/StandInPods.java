package dev.atlas.spawn.testpod;

/** Command lines that start a {@link StandInPod} with the test JVM's own class path. */
public final class StandInPods {
  private StandInPods() {}

  /** {@code java -cp '<this JVM's class path>' dev.atlas.spawn.testpod.StandInPod [args]}. */
  public static String command(String... args) {
    StringBuilder command = new StringBuilder("java -cp '")
        .append(System.getProperty("java.class.path"))
        .append("' ")
        .append(StandInPod.class.getName());
    for (String arg : args) {
      command.append(' ').append(arg);
    }
    return command.toString();
  }
}
