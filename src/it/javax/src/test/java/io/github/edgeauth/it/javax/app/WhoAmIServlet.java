package io.github.edgeauth.it.javax.app;

import io.github.edgeauth.core.UserContext;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Old code on a Java EE 8 server: the servlet security methods and the static accessor, declared in web.xml. */
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
