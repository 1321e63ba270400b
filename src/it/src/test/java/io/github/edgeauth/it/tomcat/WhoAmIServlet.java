package io.github.edgeauth.it.tomcat;

import io.github.edgeauth.core.UserContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Old code on plain Tomcat: the servlet security methods and the static accessor, declared in web.xml. */
public class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write("principal=" + (request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName())
                + "\nremoteUser=" + request.getRemoteUser()
                + "\nadmin=" + request.isUserInRole("admin")
                + "\nsubject=" + UserContext.current(request).subject() + "\n");
    }
}
