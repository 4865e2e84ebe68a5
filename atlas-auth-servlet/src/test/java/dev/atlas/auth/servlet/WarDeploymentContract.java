package dev.atlas.auth.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Wars deployed the container's own way, so web.xml, web-fragment.xml and ordering are processed by
 * the container itself. The filter reads ATLAS_PRESHARED_KEY from the real environment, which
 * failsafe sets for this JVM (the container instantiates the filter; there is no seam).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WarDeploymentContract {
  static final String C0 = "Bearer realm=\"atlas\"";
  static final String FILTER = "<filter><filter-name>%s</filter-name>%s<async-supported>true</async-supported>"
      + "<init-param><param-name>%s</param-name><param-value>%s</param-value></init-param></filter>\n";
  static final String MAPPING = "<filter-mapping><filter-name>%s</filter-name><url-pattern>/*</url-pattern>"
      + "<dispatcher>REQUEST</dispatcher><dispatcher>ASYNC</dispatcher><dispatcher>ERROR</dispatcher></filter-mapping>\n";
  static final String CLASS = "<filter-class>" + BearerAuthFilter.class.getName() + "</filter-class>";

  String key;
  Container container;

  abstract Container newContainer() throws Exception;

  /** What a request to a context that failed to start gets: Tomcat has no such context, Jetty's is unavailable. */
  abstract int failedContextStatus();

  @BeforeAll
  void deploy() throws Exception {
    key = System.getenv("ATLAS_PRESHARED_KEY");
    assertThat(key).as("failsafe sets ATLAS_PRESHARED_KEY for this JVM").isNotBlank();
    Path dir = Files.createTempDirectory("atlas-wars");
    Map<String, Path> wars = new LinkedHashMap<>();
    wars.put("/plain", TestWar.build(dir, "plain", TestWar.webXml("", "")));
    wars.put("/override", TestWar.build(dir, "override", TestWar.webXml("",
        String.format(FILTER, "atlas_bearer", "", "excludePaths", "/health"))));
    wars.put("/webxml", TestWar.build(dir, "webxml", TestWar.webXml("",
        String.format(FILTER, "atlas_bearer", CLASS, "excludePaths", "/health") + String.format(MAPPING, "atlas_bearer"))));
    wars.put("/complete-filter", TestWar.build(dir, "complete-filter", TestWar.webXml("metadata-complete=\"true\"",
        String.format(FILTER, "bearer", CLASS, "excludePaths", "/health") + String.format(MAPPING, "bearer"))));
    wars.put("/complete", TestWar.build(dir, "complete", TestWar.webXml("metadata-complete=\"true\"", "")));
    wars.put("/ordering-empty", TestWar.build(dir, "ordering-empty", TestWar.webXml("", "<absolute-ordering/>\n")));
    wars.put("/ordering-named", TestWar.build(dir, "ordering-named", TestWar.webXml("",
        "<absolute-ordering><name>atlas_bearer</name></absolute-ordering>\n")));
    wars.put("/ordering-others", TestWar.build(dir, "ordering-others", TestWar.webXml("",
        "<absolute-ordering><others/></absolute-ordering>\n")));
    wars.put("/nokey", TestWar.build(dir, "nokey", TestWar.webXml("",
        String.format(FILTER, "atlas_bearer", "", "keyEnv", "ATLAS_IT_KEY_THAT_IS_NOT_SET"))));
    container = newContainer();
    container.startWars(wars);
  }

  @AfterAll
  void undeploy() throws Exception {
    container.close();
  }

  RawHttp.Response get(String target, String... headers) throws IOException {
    return RawHttp.exchange(container.port(), "GET", target, headers);
  }

  void assertProtected(String context) throws IOException {
    RawHttp.Response refused = get(context + "/api/echo");
    assertThat(refused.status()).as("%s", refused).isEqualTo(401);
    assertThat(refused.headers("WWW-Authenticate")).containsExactly(C0);
    assertThat(refused.body()).isEmpty();
    RawHttp.Response admitted = get(context + "/api/echo", "Authorization: Bearer " + key);
    assertThat(admitted.status()).as("%s", admitted).isEqualTo(200);
    assertThat(admitted.bodyText()).contains("principal=atlas-preshared-key\n", "authType=Bearer\n");
  }

  void assertUnprotected(String context) throws IOException {
    RawHttp.Response r = get(context + "/api/echo");
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.bodyText()).contains("principal=none\n", "filters=[]\n");
  }

  @Test
  void theFragmentProtectsAWarWhoseWebXmlDoesNotMentionIt() throws IOException {
    assertProtected("/plain");
    assertThat(get("/plain/health").status()).isEqualTo(401);
    assertThat(get("/plain/api/echo", "Authorization: Bearer " + key).bodyText()).contains("filters=[atlas_bearer]\n");
  }

  @Test
  void aWebXmlFilterNamedAtlasBearerOverridesTheFragmentsParamsWithoutASecondFilter() throws IOException {
    assertProtected("/override");
    RawHttp.Response health = get("/override/health");
    assertThat(health.status()).as("%s", health).isEqualTo(200);
    assertThat(health.bodyText()).contains("principal=none\n", "filters=[atlas_bearer]\n");
  }

  @Test
  void aFullWebXmlFilterBlockNamedAtlasBearerIsTheOnlyFilter() throws IOException {
    assertProtected("/webxml");
    assertThat(get("/webxml/health").bodyText()).contains("principal=none\n", "filters=[atlas_bearer]\n");
  }

  @Test
  void aWebXmlFilterBlockProtectsAMetadataCompleteWarWhichLeavesTheFragmentOut() throws IOException {
    assertProtected("/complete-filter");
    assertThat(get("/complete-filter/health").bodyText()).contains("principal=none\n", "filters=[bearer]\n");
  }

  @Test
  void metadataCompleteLeavesTheFragmentOutLikeAnyFragment() throws IOException {
    assertUnprotected("/complete");
  }

  @Test
  void anAbsoluteOrderingWithoutAtlasBearerLeavesTheFragmentOut() throws IOException {
    assertUnprotected("/ordering-empty");
  }

  @Test
  void anAbsoluteOrderingNamingAtlasBearerOrOthersKeepsIt() throws IOException {
    assertProtected("/ordering-named");
    assertProtected("/ordering-others");
  }

  @Test
  void aWarWithoutAUsableKeyDoesNotStartAndTheOthersDo() throws IOException {
    assertThat(container.available("/nokey")).isFalse();
    RawHttp.Response r = get("/nokey/api/echo", "Authorization: Bearer " + key);
    assertThat(r.status()).as("%s", r).isEqualTo(failedContextStatus());
    assertThat(r.bodyText()).doesNotContain("principal=");
    assertThat(container.available("/plain")).isTrue();
  }
}
