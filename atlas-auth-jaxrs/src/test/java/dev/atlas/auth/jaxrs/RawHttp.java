package dev.atlas.auth.jaxrs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 client over a plain socket, for requests that {@code java.net.http} refuses to send
 * (two {@code Authorization} fields, a TAB or raw bytes in a value) and to see exactly what came
 * back. Every request asks for {@code Connection: close}; the response is read to the end.
 */
final class RawHttp {
  private static final int TIMEOUT_MILLIS = 20_000;

  private RawHttp() {}

  /** One response: status, header fields in order, the body (de-chunked). */
  record Response(int status, List<String[]> headers, byte[] body) {
    /** Every value of the header {@code name} (case-insensitive), in order. */
    List<String> all(String name) {
      List<String> values = new ArrayList<>();
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          values.add(h[1]);
        }
      }
      return values;
    }

    /** The only value of header {@code name}, or null when absent; fails when repeated. */
    String header(String name) {
      List<String> values = all(name);
      if (values.size() > 1) {
        throw new AssertionError("header " + name + " is repeated: " + values);
      }
      return values.isEmpty() ? null : values.get(0);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder().append(status);
      for (String[] h : headers) {
        s.append("\n").append(h[0]).append(": ").append(h[1]);
      }
      return s.append("\n\n").append(text().length() > 300 ? text().substring(0, 300) + "..." : text()).toString();
    }
  }

  /** Sends {@code method target} with the given header lines ({@code "Name: value"}) and no body. */
  static Response send(URI base, String method, String target, String... headerLines) {
    return exchange(base, head(base, method, target, headerLines), new byte[0]);
  }

  /** The request head, ending with the empty line. Header lines go out as ISO-8859-1 bytes. */
  static byte[] head(URI base, String method, String target, String... headerLines) {
    StringBuilder s = new StringBuilder()
        .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
        .append("Connection: close\r\n");
    for (String line : headerLines) {
      s.append(line).append("\r\n");
    }
    return s.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code head} and {@code body}, then reads the whole response. */
  static Response exchange(URI base, byte[] head, byte[] body) {
    try (Socket socket = open(base)) {
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(body);
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new AssertionError("exchange with " + base + " failed", e);
    }
  }

  static Socket open(URI base) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MILLIS);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return socket;
  }

  /** Reads one response until the server closes the connection. */
  static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    List<String[]> headers = new ArrayList<>();
    for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.add(new String[] {l.substring(0, colon).trim(), l.substring(colon + 1).trim()});
    }
    Response head = new Response(status, headers, new byte[0]);
    String te = head.header("Transfer-Encoding");
    byte[] body = te != null && te.toLowerCase(Locale.ROOT).contains("chunked") ? chunked(in) : in.readAllBytes();
    return new Response(status, headers, body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        return body.toByteArray(); // closed mid-stream: what arrived is the body
      }
      int semi = size.indexOf(';');
      int n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
      if (n == 0) {
        return body.toByteArray();
      }
      body.write(in.readNBytes(n));
      line(in);
    }
  }

  /** One CRLF-terminated line as ISO-8859-1, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
