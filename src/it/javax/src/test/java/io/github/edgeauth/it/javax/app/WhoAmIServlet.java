package io.github.edgeauth.it.javax.app;

import io.github.edgeauth.core.UserContext;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Old code on a Java EE 8 server: the servlet security methods and the static accessor, declared in web.xml; and
 * the service that called, when one did with a service token.
 */
public class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write("principal=" + (request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName())
                + "\nremoteUser=" + request.getRemoteUser()
                + "\nadmin=" + request.isUserInRole("admin")
                + "\nsubject=" + UserContext.current(request).subject()
                + "\nservice=" + UserContext.current(request).callingService().orElse("") + "\n");
    }
}
