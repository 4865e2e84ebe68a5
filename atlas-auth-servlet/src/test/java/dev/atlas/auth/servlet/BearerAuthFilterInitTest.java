package dev.atlas.auth.servlet;

import static dev.atlas.auth.servlet.TestApps.ENV;
import static dev.atlas.auth.servlet.TestApps.K;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atlas.auth.PresharedKey;
import dev.atlas.auth.http.BearerPolicy;
import dev.atlas.auth.http.BearerSettings;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The init-params: documented constants, secure defaults, and a failed init naming what is wrong. */
class BearerAuthFilterInitTest {
  /** A filter's configuration as web.xml would give it. */
  record Config(Map<String, String> params) implements FilterConfig {
    @Override
    public String getFilterName() {
      return BearerAuthFilter.FILTER_NAME;
    }

    @Override
    public ServletContext getServletContext() {
      throw new UnsupportedOperationException("the filter needs no ServletContext to start");
    }

    @Override
    public String getInitParameter(String name) {
      return params.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
      return Collections.enumeration(params.keySet());
    }
  }

  static ServletException initFailure(Map<String, String> params, Map<String, String> env) {
    BearerAuthFilter filter = BearerAuthFilter.withEnvironment(env::get);
    try {
      filter.init(new Config(params));
    } catch (ServletException e) {
      return e;
    }
    throw new AssertionError("init succeeded with " + params);
  }

  @Test
  void everyInitParamConstantIsASettingName() throws IllegalAccessException {
    Set<String> constants = new HashSet<>();
    for (Field f : BearerAuthFilter.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().equals("FILTER_NAME")) {
        constants.add((String) f.get(null));
      }
    }
    assertThat(constants).isEqualTo(BearerSettings.NAMES);
  }

  @Test
  void startsWithNoInitParamsAtAllGivenAKey() throws ServletException {
    BearerAuthFilter filter = BearerAuthFilter.withEnvironment(Map.of(PresharedKey.ENV, K)::get);
    filter.init(new Config(Map.of()));
    assertThat(filter.toString()).isEqualTo(
        "BearerAuthFilter[atlas_bearer, BearerPolicy[realm=atlas, key=<redacted>, signedUrls=false, cors=false]]");
    filter.destroy();
    assertThat(filter.toString()).isEqualTo("BearerAuthFilter[atlas_bearer, inactive]");
  }

  @Test
  void refusesAnUnknownInitParamNamingIt() {
    assertThat(initFailure(Map.of("exclude-paths", "/health"), ENV))
        .hasMessageStartingWith("filter atlas_bearer has an invalid init-param: unknown setting 'exclude-paths'; known settings:"
            + " allowPreflight, corsAllowedOrigins, excludePaths, keyEnv, keyFileEnv, maxTokenLength, previousKeyEnv, realm,"
            + " signedUrlLeewaySeconds, signedUrlMaxLifetimeSeconds, signingSecretEnv");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "allowPreflight     | yes           | allowPreflight must be true or false, was 'yes'",
      "maxTokenLength     | lots          | maxTokenLength must be a whole number, was 'lots'",
      "maxTokenLength     | 10            | maxTokenLength: maxTokenLength must be between 43 and 8192, was 10",
      "realm              | a\"b          | realm: realm must be non-empty printable ASCII",
      "excludePaths       | /*            | excludePaths: excluded path '/*' would switch authentication off everywhere",
      "excludePaths       | health        | excludePaths: excluded path 'health' must be an absolute normal path",
      "corsAllowedOrigins | *             | corsAllowedOrigins: CORS origin '*' is invalid",
      "keyEnv             | 1KEY          | keyEnv must name an environment variable, was '1KEY'",
      "signingSecretEnv   | UNSET_SECRET  | signingSecretEnv names UNSET_SECRET, which is unset or blank",
      "signedUrlLeewaySeconds      | soon | signedUrlLeewaySeconds must be a whole number, was 'soon'",
      "signedUrlLeewaySeconds      | -1   | signedUrlLeewaySeconds: signed URL leeway must not be negative",
      "signedUrlMaxLifetimeSeconds | 0    | signedUrlMaxLifetimeSeconds: signed URL max lifetime must be positive"})
  void refusesAnInvalidValueNamingTheInitParam(String param, String value, String message) {
    assertThat(initFailure(Map.of(param, value), ENV).getMessage()).contains(message).startsWith("filter atlas_bearer ");
  }

  @Test
  void refusesAPolicyWithPreflightsOffButCorsOn() {
    assertThat(initFailure(Map.of("allowPreflight", "false", "corsAllowedOrigins", "https://app.example.com"), ENV))
        .hasMessageContaining("allowPreflight=false contradicts corsAllowedOrigins");
  }

  @Test
  void failsClosedWithoutAUsableKeyAndNeverQuotesIt() {
    assertThat(initFailure(Map.of(), Map.of())).hasMessage(
        "filter atlas_bearer cannot start: no preshared key: set ATLAS_PRESHARED_KEY to the pod's key, or"
            + " ATLAS_PRESHARED_KEY_FILE to a file holding it");
    assertThat(initFailure(Map.of(), Map.of(PresharedKey.ENV, "   "))).hasMessageContaining("it is blank");
    String bad = K.substring(0, 40) + "!@#";
    assertThat(initFailure(Map.of(), Map.of(PresharedKey.ENV, bad)))
        .hasMessageContaining("holds a character a Bearer header cannot carry").message().doesNotContain(bad);
  }

  @Test
  void readsTheKeyFromTheVariablesTheInitParamsName(@TempDir Path dir) throws IOException, ServletException {
    Path file = Files.writeString(dir.resolve("key"), K + "\n");
    Map<String, String> env = new HashMap<>();
    env.put("POD_KEY_FILE", file.toString());
    BearerAuthFilter fromFile = BearerAuthFilter.withEnvironment(env::get);
    fromFile.init(new Config(Map.of(BearerAuthFilter.KEY_FILE_ENV, "POD_KEY_FILE")));
    assertThat(fromFile.toString()).contains("key=<redacted>");
    assertThat(initFailure(Map.of(BearerAuthFilter.KEY_ENV, "POD_KEY"), ENV))
        .hasMessageContaining("set POD_KEY to the pod's key");
  }

  @Test
  void aFilterBuiltFromAPolicyTakesNoInitParams() throws ServletException {
    BearerPolicy policy = BearerPolicy.builder().key(PresharedKey.of(K)).build();
    assertThatThrownBy(() -> BearerAuthFilter.of(policy).init(new Config(Map.of("realm", "x"))))
        .isInstanceOf(ServletException.class)
        .hasMessage("filter atlas_bearer was built from a BearerPolicy and takes no init-params, got [realm]");
    BearerAuthFilter filter = BearerAuthFilter.of(policy);
    filter.init(new Config(Map.of()));
    assertThat(filter.toString()).contains("key=<redacted>").doesNotContain(K);
  }

  @Test
  void factoriesRefuseNull() {
    assertThatThrownBy(() -> BearerAuthFilter.of(null)).hasMessage("policy");
    assertThatThrownBy(() -> BearerAuthFilter.withEnvironment(null)).hasMessage("env");
    assertThatThrownBy(() -> BearerAuthFilter.register(null)).hasMessage("context");
  }
}
