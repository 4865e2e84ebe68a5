package dev.atlas.examples.pod;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shaded pod jar running as a child process, as a spawner would start it. */
final class PodProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "inference-pod.jar");
  private static final Pattern READY = Pattern.compile("inference-pod ready on port (\\d+) \\((jersey|resteasy)\\)");
  private static final long START_SECONDS = 60;

  private final Process process;
  private final Path stderr;
  private final List<String> stdout = new ArrayList<>();
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  private PodProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.reader = new Thread(this::readStdout, "pod-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code java -jar inference-pod.jar args} with PORT=0 plus {@code env}. */
  static PodProcess start(Map<String, String> env, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("ATLAS_") || k.equals("PORT"));
    pb.environment().put("PORT", "0");
    pb.environment().putAll(env);
    Path stderr = Files.createTempFile("inference-pod", ".err");
    pb.redirectError(stderr.toFile());
    return new PodProcess(pb.start(), stderr);
  }

  private void readStdout() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("<stdout failed: " + e + ">");
    }
  }

  /** Waits for the ready line and returns the base URI; fails if the pod exits or stays silent. */
  URI awaitReady(String runtime) throws InterruptedException {
    String line = lines.poll(START_SECONDS, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("no ready line within " + START_SECONDS + " s; stderr:\n" + stderr());
    }
    stdout.add(line);
    Matcher m = READY.matcher(line);
    if (!m.matches() || !m.group(2).equals(runtime)) {
      throw new AssertionError("unexpected first line: " + line + "\nstderr:\n" + stderr());
    }
    return URI.create("http://127.0.0.1:" + m.group(1));
  }

  /** Waits for the process to exit on its own and returns its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("the pod did not exit; stderr:\n" + stderr());
    }
    reader.join(TimeUnit.SECONDS.toMillis(5));
    return process.exitValue();
  }

  /** Every line printed to standard output so far. */
  List<String> stdout() {
    List<String> all = new ArrayList<>(stdout);
    lines.drainTo(all);
    stdout.clear();
    stdout.addAll(all);
    return List.copyOf(all);
  }

  String stderr() {
    try {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<unreadable: " + e + ">";
    }
  }

  /** Stops the pod (SIGTERM, then SIGKILL after 20 s) and removes its stderr file. */
  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      Files.deleteIfExists(stderr);
    }
  }
}
