package dev.atlas.auth.jaxrs;

import dev.atlas.auth.http.Decision;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;

/**
 * After matching, for a request {@link BearerAuthFilter} refused but left standing because the
 * application has {@code @PermitAll} methods: lets it on to an open method, anonymous, and answers
 * the refusal for anything else before the method or its entity reader runs. Fails closed: a
 * method it cannot identify is protected.
 */
@Priority(Priorities.AUTHENTICATION)
final class PermitAllGuard implements ContainerRequestFilter {
  private final OpenEndpoints open;
  private final Answers answers;

  @Context private ResourceInfo resourceInfo;

  PermitAllGuard(OpenEndpoints open, Answers answers) {
    this.open = open;
    this.answers = answers;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Object refusal = request.getProperty(BearerAuthFilter.REFUSAL);
    if (refusal == null) {
      return;
    }
    if (resourceInfo != null && open.isOpen(resourceInfo.getResourceMethod())) {
      request.setProperty(BearerAuthFilter.OPEN, Boolean.TRUE);
      return;
    }
    request.setProperty(BearerAuthFilter.ANSWERED, Boolean.TRUE);
    request.abortWith(answers.refusal((Decision.Refuse) refusal, request.getHeaderString(Answers.ORIGIN)));
  }
}
