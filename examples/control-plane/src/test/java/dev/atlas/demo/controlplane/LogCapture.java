package dev.atlas.demo.controlplane;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Records every log record of this JVM at every level (System.Logger, Weld, Jersey all go to JUL). */
final class LogCapture extends Handler implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger root = Logger.getLogger("");
  private final Level previous = root.getLevel();
  private final SimpleFormatter formatter = new SimpleFormatter();

  LogCapture() {
    setLevel(Level.ALL);
    root.setLevel(Level.ALL);
    for (Handler h : root.getHandlers()) {
      if (h.getLevel().intValue() < Level.INFO.intValue()) {
        h.setLevel(Level.INFO); // keep the console readable
      }
    }
    root.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(formatter.format(record));
  }

  String all() {
    return String.join("", lines);
  }

  int size() {
    return lines.size();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    root.setLevel(previous);
  }
}
