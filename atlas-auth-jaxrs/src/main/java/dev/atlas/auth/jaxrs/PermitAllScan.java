package dev.atlas.auth.jaxrs;

import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.System.Logger.Level;

/**
 * At deployment, looks at every resource method and records whether any is open ({@code
 * @PermitAll}); binds nothing. Fails closed: an open method the runtime never shows here (one
 * reached only through a sub-resource locator, say) is refused like a protected one, unless
 * another open method was seen.
 */
final class PermitAllScan implements DynamicFeature {
  private static final System.Logger LOG = System.getLogger(AtlasAuthFeature.class.getName());

  private final OpenEndpoints open;

  PermitAllScan(OpenEndpoints open) {
    this.open = open;
  }

  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    if (open.isOpen(resourceInfo.getResourceMethod())) {
      open.foundOpen();
      LOG.log(Level.INFO, "open to anonymous callers (@PermitAll): {0}.{1}",
          resourceInfo.getResourceClass().getName(), resourceInfo.getResourceMethod().getName());
    }
  }
}
