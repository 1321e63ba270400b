package io.github.edgeauth.it.own;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Set;

/** A legacy WAR's own authentication mechanism: a made-up header stands for whatever the WAR checks. */
@ApplicationScoped
public class OwnMechanism implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if ("yes".equals(request.getHeader("X-Own-Login"))) {
            return context.notifyContainerAboutLogin("own-user", Set.of("ADMINISTRATOR"));
        }
        return context.doNothing();
    }
}
