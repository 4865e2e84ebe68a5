package dev.atlas.auth.servlet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything our code logs through System.Logger (backed by java.util.logging here), at every
 * level, formatted: to prove that no key or token ever reaches a log.
 */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger;
  private final Level previousLevel;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();

  private LogCapture(Logger logger) {
    this.logger = logger;
    this.previousLevel = logger.getLevel();
    setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /** Captures {@code loggerName} and everything below it. */
  static LogCapture start(String loggerName) {
    return new LogCapture(Logger.getLogger(loggerName));
  }

  /** Each record as "LEVEL logger: message | thrown". */
  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void publish(LogRecord record) {
    Throwable thrown = record.getThrown();
    lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + formatter.formatMessage(record)
        + (thrown == null ? "" : " | " + thrown));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previousLevel);
  }
}
