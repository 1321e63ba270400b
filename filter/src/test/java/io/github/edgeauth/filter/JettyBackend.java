package io.github.edgeauth.filter;

import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.testing.LoopbackJetty;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * A real servlet container (embedded Jetty, Servlet 6.0) on loopback with the filter in front of a servlet
 * that prints what old code would see.
 */
final class JettyBackend implements AutoCloseable {
    private final LoopbackJetty jetty;

    private JettyBackend(Map<String, String> initParams, boolean withDeploymentCheck, Filter oldCheck)
            throws Exception {
        jetty = new LoopbackJetty("/app", 0).filter(UserContextFilter.class, "edgeauth", initParams, "/*");
        if (oldCheck != null) {
            jetty.filter(oldCheck, "/*");
        }
        jetty.servlet(new WhoAmI(), "/*");
        if (withDeploymentCheck) {
            jetty.listener(new DeploymentCheck());
        }
        jetty.start();
    }

    static JettyBackend start(Map<String, String> initParams) throws Exception {
        return new JettyBackend(initParams, false, null);
    }

    /** As the web fragment installs it: the filter and the listener that checks its settings at deployment. */
    static JettyBackend startLikeTheFragment(Map<String, String> initParams) throws Exception {
        return new JettyBackend(initParams, true, null);
    }

    /** As in a WAR during a rollout: the filter first, then the WAR's own check of its old tokens. */
    static JettyBackend startBeforeAnOldCheck(Map<String, String> initParams, Filter oldCheck) throws Exception {
        return new JettyBackend(initParams, true, oldCheck);
    }

    URI uri(String path) {
        return jetty.uri(path);
    }

    /** The servlet-context attribute {@code name}, or null. */
    Object contextAttribute(String name) {
        return jetty.contextAttribute(name);
    }

    @Override
    public void close() {
        jetty.close();
    }

    /**
     * Answers with what the servlet API and the static accessor tell about the caller and the context header as
     * it arrived ({@code contextHeader=}), with
     * {@code isUserInRole} for each {@code role} query parameter, as {@code inRole[<role>]=<answer>}, and with the
     * note the session holds ({@code sessionNote=}); a {@code note} query parameter keeps one in the session.
     */
    static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            UserContext user = UserContext.current(req);
            String note = req.getParameter("note");
            if (note != null) {
                req.getSession(true).setAttribute("note", note); // what an application keeps for its user
            }
            String rawNote = req.getParameter("rawnote");
            HttpSession session;
            if (rawNote != null) {
                // As Weld's @SessionScoped beans do: only through the container's own request, never the wrapper.
                jakarta.servlet.ServletRequest raw = req instanceof jakarta.servlet.ServletRequestWrapper wrapper
                        ? wrapper.getRequest() : req;
                session = ((HttpServletRequest) raw).getSession(true);
                session.setAttribute("note", rawNote);
            } else {
                session = req.getSession(false);
            }
            resp.setContentType("text/plain");
            resp.getWriter().print("principal=" + (req.getUserPrincipal() == null ? "" : req.getUserPrincipal().getName())
                    + "\nremoteUser=" + req.getRemoteUser()
                    + "\nauthType=" + req.getAuthType()
                    + "\nadmin=" + req.isUserInRole("admin")
                    + "\nsubject=" + user.subject()
                    + "\nanonymous=" + user.isAnonymous()
                    + "\ncallingService=" + user.callingService().orElse("")
                    + "\nserviceScopes=" + String.join(" ", user.serviceScopes())
                    + "\nsessionNote=" + (session == null ? "" : java.util.Objects.toString(session.getAttribute("note"), ""))
                    + "\ncontextHeader=" + java.util.Objects.toString(req.getHeader("X-User-Context"), "")
                    + "\n");
            String[] asked = req.getParameterValues("role");
            for (String role : asked == null ? new String[0] : asked) {
                resp.getWriter().print("inRole[" + role + "]=" + req.isUserInRole(role) + "\n");
            }
        }
    }
}
