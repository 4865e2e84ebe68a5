package dev.atlas.spawn.runpod;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An RFC 9457 problem body as RunPod v2 sends it ({@code application/problem+json}): {@code title},
 * {@code status}, {@code detail} and, for request validation failures, {@code errors}.
 *
 * @param title short summary, such as {@code Bad Request}; empty when absent
 * @param status the status the body states; 0 when absent
 * @param detail the explanation; empty when absent
 * @param errors one line per validation failure; empty when absent
 */
public record Problem(String title, int status, String detail, List<String> errors)
    implements Serializable {
  private static final String REDACTED = "<redacted>";

  public Problem {
    title = Objects.requireNonNullElse(title, "");
    detail = Objects.requireNonNullElse(detail, "");
    errors = List.copyOf(Objects.requireNonNullElse(errors, List.of()));
  }

  /** A problem known only by its status line, for a body that is not problem JSON. */
  static Problem ofStatus(int status) {
    String title = switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 402 -> "Payment Required";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "HTTP " + status;
    };
    return new Problem(title, status, "", List.of());
  }

  /**
   * Whether the detail says that no machine could be placed. RunPod answers 400 both for a broken
   * cross-field rule and for capacity, telling them apart only in prose ("There are no longer any
   * instances available with the requested specifications").
   */
  public boolean isCapacity() {
    String d = detail.toLowerCase(Locale.ROOT);
    return d.contains("instances available") || d.contains("capacity");
  }

  /** This problem with every occurrence of each secret replaced by {@code <redacted>}. */
  Problem redacted(Collection<String> secrets) {
    if (secrets.isEmpty()) {
      return this;
    }
    List<String> scrubbed = new ArrayList<>(errors.size());
    for (String e : errors) {
      scrubbed.add(scrub(e, secrets));
    }
    return new Problem(scrub(title, secrets), status, scrub(detail, secrets), scrubbed);
  }

  private static String scrub(String text, Collection<String> secrets) {
    String out = text;
    for (String s : secrets) {
      if (!s.isEmpty()) {
        out = out.replace(s, REDACTED);
      }
    }
    return out;
  }
}
