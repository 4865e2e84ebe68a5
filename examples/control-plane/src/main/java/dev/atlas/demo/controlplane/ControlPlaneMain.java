package dev.atlas.demo.controlplane;

import dev.atlas.spawn.ProviderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar control-plane.jar}: serves the demo on {@code http://localhost:$PORT/} (default
 * 8080) and prints that URL. Run it from the repository root so the default pod command finds
 * {@code examples/inference-pod/target/inference-pod.jar}, or set {@code ATLAS_DEMO_POD_COMMAND}.
 */
public final class ControlPlaneMain {
  private ControlPlaneMain() {}

  public static void main(String[] args) throws InterruptedException {
    ProviderSettings settings = ProviderSettings.system();
    int port;
    try {
      port = Integer.parseInt(settings.get("PORT", "8080"));
    } catch (NumberFormatException e) {
      System.err.println("PORT must be a port number, was '" + settings.get("PORT", "") + "'");
      System.exit(2);
      return;
    }
    String podCommand = settings.get(DemoConfig.POD_COMMAND_KEY, DemoConfig.DEFAULT_POD_COMMAND);
    if (podCommand.equals(DemoConfig.DEFAULT_POD_COMMAND)
        && !Files.isRegularFile(Path.of("examples/inference-pod/target/inference-pod.jar"))) {
      System.err.println("examples/inference-pod/target/inference-pod.jar not found in " + Path.of("").toAbsolutePath()
          + ".\nRun scripts/demo.sh from the repository root (it builds the pod), or set ATLAS_DEMO_POD_COMMAND.");
      System.exit(2);
    }
    ControlPlane plane = ControlPlane.start(port, bound -> DemoConfig.from(settings, bound));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      int open = plane.sessions().ids().size();
      plane.close();
      System.out.println("Atlas control plane stopped; " + open + " session(s) ended, their pods terminated.");
      stopped.countDown();
    }, "atlas-demo-shutdown"));
    System.out.println("Atlas control plane ready: open " + plane.url() + "  (Ctrl-C to stop; pods end with it)");
    System.out.flush();
    stopped.await();
  }
}
