package io.github.edgeauth.it.javax.app;

import io.github.edgeauth.core.UserContext;

import javax.ejb.EJB;
import javax.ejb.EJBAccessException;
import javax.inject.Inject;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /secure/*} is guarded by a web.xml {@code <security-constraint>}; {@code /open/*} is not, and calls the
 * EJB anyway, so {@code @RolesAllowed} itself is what refuses a caller without the role. Both show the caller as
 * the servlet API, CDI ({@code @Inject UserContext}) and the EJB see it.
 */
@WebServlet({"/secure/*", "/open/*"})
public class SecureServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    AuditBean audit;

    @Inject
    UserContext user;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try {
            response.getWriter().write("principal=" + request.getUserPrincipal().getName() + "\ninjected="
                    + user.subject() + "\nejb=" + audit.caller() + "\n");
        } catch (EJBAccessException e) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "the EJB refused the caller");
        }
    }
}
