package io.github.edgeauth.filter;

import io.github.edgeauth.core.UserContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Makes {@code @Inject UserContext} work: a request-scoped producer over the context the filter stored on
 * the current request. The jar is its own bean archive ({@code bean-discovery-mode="annotated"}), so this is
 * found whatever discovery mode the WAR uses.
 */
@ApplicationScoped
class UserContextProducer {

    @Inject
    HttpServletRequest request;

    @Produces
    @RequestScoped
    UserContext current() {
        return UserContext.current(request);
    }
}
