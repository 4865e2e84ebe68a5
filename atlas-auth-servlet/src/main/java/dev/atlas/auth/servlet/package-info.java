/**
 * {@link dev.atlas.auth.servlet.BearerAuthFilter}: bearer authentication for Servlet 6 containers
 * (Tomcat 11, Jetty 12 ee10 and ee11, Jakarta EE 10 and 11 servers), a thin adapter over {@link
 * dev.atlas.auth.http.BearerPolicy}.
 */
package dev.atlas.auth.servlet;
