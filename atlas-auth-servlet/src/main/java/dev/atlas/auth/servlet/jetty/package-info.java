/**
 * One-line installers of {@link dev.atlas.auth.servlet.BearerAuthFilter} for Jetty 12 {@code
 * ServletContextHandler}s, one class per Jakarta EE environment ({@code ee10}, {@code ee11}). Jetty
 * is an optional dependency: only these classes refer to it, and only a Jetty user loads them.
 */
package dev.atlas.auth.servlet.jetty;
