package dev.atlas.auth.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.Test;

/**
 * Discovery through {@code @Provider} never yields an unprotected application. The build runs
 * this with the ATLAS_PRESHARED_KEY variables removed from the environment (see the pom).
 */
class JerseyDiscoveryTest {
  @Test
  void discoveredFeatureWithoutKeyFailsTheStartSayingWhatToSet() {
    ResourceConfig scanned = new ResourceConfig()
        .packages(false, AtlasAuthFeature.class.getPackageName())
        .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    assertThatThrownBy(() -> JerseyGrizzlyTest.start(scanned).close())
        .satisfies(e -> assertThat(JaxrsBearerContract.messages(e))
            .contains("AtlasAuthFeature cannot start: no preshared key: set ATLAS_PRESHARED_KEY to the pod's key, or ATLAS_PRESHARED_KEY_FILE to a file holding it"));
  }

  @Test
  void featureRegisteredByClassReadsTheApplicationsPropertiesAndRefusesUnknownOnes() {
    ResourceConfig config = new ResourceConfig(AtlasAuthFeature.class)
        .property("atlas.auth.realmm", "pods")
        .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    assertThatThrownBy(() -> JerseyGrizzlyTest.start(config).close())
        .satisfies(e -> assertThat(JaxrsBearerContract.messages(e))
            .contains("AtlasAuthFeature: unknown setting 'realmm'; known settings: allowPreflight, corsAllowedOrigins,")
            .contains("(properties atlas.auth.*)"));
  }
}
