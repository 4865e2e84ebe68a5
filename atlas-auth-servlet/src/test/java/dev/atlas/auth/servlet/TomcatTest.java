package dev.atlas.auth.servlet;

import static dev.atlas.auth.servlet.TestApps.ENV;
import static dev.atlas.auth.servlet.TestApps.K;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The §6 table on embedded Tomcat 11 (with error reports off, as in production). */
class TomcatTest extends BearerAuthFilterContract {
  @Override
  Container newContainer() throws Exception {
    return new TomcatContainer();
  }

  /**
   * Why the README tells Tomcat users to turn error reports off: a header line with a control byte
   * is rejected by Tomcat before any filter runs, and the default 400 page quotes it, token and all.
   */
  @Test
  void theDefaultErrorReportValveQuotesARejectedAuthorizationLine() throws Exception {
    try (Container plain = new TomcatContainer(false)) {
      plain.start(List.of(new Container.App("", TestApps.app(Map.of(), ENV::get))));
      RawHttp.Response r = RawHttp.exchange(plain.port(), "GET", "/api/echo", "Authorization: Bearer " + K + "\u0001");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.bodyText()).contains(K);
    }
  }
}
