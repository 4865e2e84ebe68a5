package dev.atlas.auth.servlet;

import dev.atlas.auth.PresharedKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a war as a user would: the packaged atlas-auth-servlet jar and its core jar in
 * WEB-INF/lib, an echo servlet in WEB-INF/classes, and the given web.xml.
 */
final class TestWar {
  private TestWar() {}

  /** The web.xml head; {@code attributes} go on {@code <web-app>}, e.g. metadata-complete. */
  static String webXml(String attributes, String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\" " + attributes + ">\n"
        + "  <servlet><servlet-name>echo</servlet-name><servlet-class>" + EchoServlet.class.getName() + "</servlet-class>"
        + "<async-supported>true</async-supported></servlet>\n"
        + "  <servlet-mapping><servlet-name>echo</servlet-name><url-pattern>/</url-pattern>"
        + "<url-pattern>/api/*</url-pattern><url-pattern>/health</url-pattern></servlet-mapping>\n"
        + body
        + "</web-app>\n";
  }

  static Path build(Path dir, String name, String webXml) throws IOException {
    Path war = dir.resolve(name + ".war");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(war))) {
      put(out, "WEB-INF/web.xml", webXml.getBytes(StandardCharsets.UTF_8));
      put(out, "WEB-INF/lib/atlas-auth-servlet.jar", Files.readAllBytes(servletJar()));
      put(out, "WEB-INF/lib/atlas-auth-core.jar", jarOf(PresharedKey.class));
      String classFile = EchoServlet.class.getName().replace('.', '/') + ".class";
      try (InputStream in = EchoServlet.class.getClassLoader().getResourceAsStream(classFile)) {
        put(out, "WEB-INF/classes/" + classFile, in.readAllBytes());
      }
    }
    return war;
  }

  /** The jar `mvn package` built: what a user drops into WEB-INF/lib. */
  private static Path servletJar() {
    String jar = System.getProperty("atlas.servlet.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("atlas.servlet.jar must name the packaged jar; run the ITs with mvn verify, was " + jar);
    }
    return Path.of(jar);
  }

  /** The jar holding {@code type}, zipped up when the class path has it as a directory. */
  private static byte[] jarOf(Class<?> type) throws IOException {
    Path location;
    try {
      location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    if (Files.isRegularFile(location)) {
      return Files.readAllBytes(location);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(location)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        put(out, location.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(content);
    out.closeEntry();
  }
}
