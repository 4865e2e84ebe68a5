package dev.atlas.spawn.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a process and all its descendants: SIGTERM first, SIGKILL after a grace period. */
final class ProcessTree {
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private ProcessTree() {}

  /**
   * Asks the whole tree to stop, waits up to {@code grace}, then kills what is left (including
   * children started meanwhile) and waits for it to be gone.
   *
   * @return whether every process of the tree has exited
   */
  static boolean destroy(ProcessHandle root, Duration grace) {
    return destroyAll(List.of(root), grace);
  }

  /** As {@link #destroy} for several trees at once, sharing one grace period. */
  static boolean destroyAll(List<ProcessHandle> roots, Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>();
    roots.forEach(root -> tree.addAll(snapshot(root)));
    tree.forEach(ProcessHandle::destroy);
    if (!awaitExit(tree, grace)) {
      List<ProcessHandle> left = new ArrayList<>();
      roots.forEach(root -> left.addAll(snapshot(root)));
      left.addAll(tree);
      left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      return awaitExit(left, KILL_WAIT);
    }
    return true;
  }

  private static List<ProcessHandle> snapshot(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>();
    root.descendants().forEach(tree::add);
    tree.add(root);
    return tree;
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    CompletableFuture<?>[] exits =
        processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return processes.stream().noneMatch(ProcessHandle::isAlive);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      return false;
    }
  }
}
