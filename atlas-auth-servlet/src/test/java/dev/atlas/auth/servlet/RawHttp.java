package dev.atlas.auth.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 client over a plain socket that sends exactly the bytes it is given: two {@code
 * Authorization} lines, a tab, a trailing space, raw non-ASCII bytes. The JDK client refuses or
 * rewrites most of these. Reads one response by its framing, never waiting for the server to close.
 */
final class RawHttp {
  private static final int TIMEOUT_MILLIS = 10_000;

  private RawHttp() {}

  /** One response: status, header fields in order, body, and everything that arrived. */
  record Response(int status, List<String[]> fields, byte[] body, byte[] raw) {
    /** Every value of the field {@code name}, in order. */
    List<String> headers(String name) {
      List<String> values = new ArrayList<>();
      for (String[] f : fields) {
        if (f[0].equalsIgnoreCase(name)) {
          values.add(f[1]);
        }
      }
      return values;
    }

    /** The only value of {@code name}, or null. */
    String header(String name) {
      List<String> values = headers(name);
      if (values.size() > 1) {
        throw new AssertionError(name + " appears " + values.size() + " times: " + values);
      }
      return values.isEmpty() ? null : values.get(0);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String rawText() {
      return new String(raw, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
      return rawText();
    }
  }

  /** Sends {@code method target} with {@code headerLines} ("Name: value"), Host and Connection: close. */
  static Response exchange(int port, String method, String target, String... headerLines) throws IOException {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    for (String line : headerLines) {
      head.append(line).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return send(port, method, head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends {@code request} as it is and reads the response to {@code method}. */
  static Response send(int port, String method, byte[] request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      return read(socket.getInputStream(), method);
    }
  }

  /** Reads one response to {@code method} from {@code in}, leaving the connection open. */
  static Response read(InputStream in, String method) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    String head = readHead(in, raw);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<String[]> fields = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      fields.add(new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()});
    }
    Response headOnly = new Response(status, fields, new byte[0], raw.toByteArray());
    byte[] body;
    if (method.equals("HEAD") || status == 204 || status == 304 || status < 200) {
      body = new byte[0];
    } else if ("chunked".equalsIgnoreCase(headOnly.header("Transfer-Encoding"))) {
      body = readChunked(in, raw);
    } else if (headOnly.header("Content-Length") != null) {
      body = readExactly(in, Integer.parseInt(headOnly.header("Content-Length")), raw);
    } else {
      body = in.readAllBytes(); // delimited by close
      raw.write(body);
    }
    return new Response(status, fields, body, raw.toByteArray());
  }

  private static String readHead(InputStream in, ByteArrayOutputStream raw) throws IOException {
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside the response head: " + raw.toString(StandardCharsets.ISO_8859_1));
      }
      raw.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
    }
    String text = raw.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, text.length() - 4);
  }

  private static byte[] readExactly(InputStream in, int length, ByteArrayOutputStream raw) throws IOException {
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new IOException("body ended after " + body.length + " of " + length + " bytes");
    }
    raw.write(body);
    return body;
  }

  private static byte[] readChunked(InputStream in, ByteArrayOutputStream raw) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in, raw);
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim().toLowerCase(Locale.ROOT), 16);
      if (size == 0) {
        while (!readLine(in, raw).isEmpty()) {
          // trailer fields
        }
        return body.toByteArray();
      }
      body.write(readExactly(in, size, raw));
      readLine(in, raw);
    }
  }

  private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      raw.write(b);
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }
}
