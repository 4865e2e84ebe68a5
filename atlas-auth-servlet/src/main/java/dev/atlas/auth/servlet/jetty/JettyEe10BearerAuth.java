package dev.atlas.auth.servlet.jetty;

import dev.atlas.auth.servlet.BearerAuthFilter;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * Installs {@link BearerAuthFilter} on a Jetty 12 {@code ee10} {@link ServletContextHandler} in one
 * line: {@code JettyEe10BearerAuth.install(context).setInitParameter(EXCLUDE_PATHS, "/health")}.
 *
 * <p>Loaded only when called, so the jar needs no Jetty elsewhere. The filter is named {@value
 * BearerAuthFilter#FILTER_NAME}, async-supported, and mapped on {@code /*} for {@link
 * BearerAuthFilter#dispatcherTypes()} after the filters already added: add a CORS filter first.
 */
public final class JettyEe10BearerAuth {
  private JettyEe10BearerAuth() {}

  /** Installs a filter configured by init-params set on the returned holder, reading the process environment. */
  public static FilterHolder install(ServletContextHandler context) {
    return install(context, new BearerAuthFilter());
  }

  /**
   * Installs {@code filter}; returns its holder, on which init-params can still be set before the
   * context starts.
   *
   * @throws IllegalStateException if the context already has a filter named {@value
   *     BearerAuthFilter#FILTER_NAME}
   */
  public static FilterHolder install(ServletContextHandler context, BearerAuthFilter filter) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(filter, "filter");
    if (context.getServletHandler().getFilter(BearerAuthFilter.FILTER_NAME) != null) {
      throw new IllegalStateException(
          "context '" + context.getContextPath() + "' already has a filter named " + BearerAuthFilter.FILTER_NAME);
    }
    FilterHolder holder = new FilterHolder(filter);
    holder.setName(BearerAuthFilter.FILTER_NAME);
    holder.setAsyncSupported(true);
    context.addFilter(holder, "/*", BearerAuthFilter.dispatcherTypes());
    return holder;
  }
}
