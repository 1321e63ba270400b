package io.github.edgeauth.it.secured;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code /secure/*} is guarded by a web.xml {@code <security-constraint>}; {@code /open/*} is not, and calls
 * the EJB anyway, so {@code @RolesAllowed} itself is what refuses a caller without the role.
 */
@WebServlet({"/secure/*", "/open/*"})
public class SecureServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @EJB
    AuditBean audit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try {
            response.getWriter().write("principal=" + request.getUserPrincipal().getName() + "\nejb=" + audit.caller() + "\n");
        } catch (EJBAccessException e) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "the EJB refused the caller");
        }
    }
}
