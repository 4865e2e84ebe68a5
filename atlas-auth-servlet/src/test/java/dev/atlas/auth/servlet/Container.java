package dev.atlas.auth.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One embedded servlet container on a loopback port 0, so tests run unchanged on each. */
abstract class Container implements AutoCloseable {
  /** The request header section limit the tests configure, so a 10 KB token still reaches the filter. */
  static final int HEADER_LIMIT_BYTES = 32 * 1024;

  /** A context set up by {@code setup} (the standard API), with an error page for status 500. */
  record App(String contextPath, ServletContainerInitializer setup) {}

  /** The error page every {@link App} has for status 500. */
  static final String ERROR_PAGE = "/error";

  abstract String name();

  /** Starts one context per app. Throws when the server itself cannot start. */
  abstract void start(List<App> apps) throws Exception;

  /** Deploys war files the container's own way (web.xml, fragments, ordering), then starts. */
  abstract void startWars(Map<String, Path> wars) throws Exception;

  /** Whether the context at {@code contextPath} started and serves requests. */
  abstract boolean available(String contextPath);

  abstract int port();

  /** The status the container itself gives a request over {@link #HEADER_LIMIT_BYTES}: 400 or 431. */
  abstract int headerTooLargeStatus();

  /**
   * What {@code /health/%2e%2e/api/x} gets: 401 from the filter when the container decodes and
   * resolves the dot segment first (Tomcat), 400 when it rejects the path as ambiguous (Jetty).
   */
  abstract int encodedDotSegmentStatus();

  /**
   * Whether a context whose filter fails to initialise makes {@link #start} throw (Jetty's
   * ServletContextHandler), rather than leaving that context unavailable and the rest serving
   * (Tomcat).
   */
  abstract boolean failedContextFailsStart();

  @Override
  public abstract void close() throws Exception;

  @Override
  public String toString() {
    return name();
  }

  static String root(String contextPath) {
    return contextPath.isEmpty() ? "/" : contextPath;
  }
}
