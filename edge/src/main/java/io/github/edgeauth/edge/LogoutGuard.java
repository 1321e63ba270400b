package io.github.edgeauth.edge;

import io.github.edgeauth.filter.ProblemResponse;
import io.github.edgeauth.filter.ReasonCode;
import io.github.edgeauth.filter.RequestId;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pac4j.jee.filter.LogoutFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Sign-out at {@code /logout}: only a same-origin {@code POST} ends the session (here and at the provider), so
 * a link or image on another site cannot sign a user out. A {@code GET} shows a page with the sign-out button.
 * The {@code url} to land on afterwards must be a path on the edge itself: pac4j is told to ignore any other.
 */
final class LogoutGuard implements Filter {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");

    /**
     * A path on this origin, and nothing a browser could read as another host: a single leading {@code /}, no
     * backslash (browsers read {@code /\host} as {@code //host}), no white space or control character.
     */
    static final String SAME_ORIGIN_PATH = "^/(?![/\\\\])[^\\\\\\x00-\\x20\\x7f]*$";

    private final LogoutFilter logout;

    LogoutGuard(LogoutFilter logout) {
        this.logout = logout;
        this.logout.setLogoutUrlPattern(SAME_ORIGIN_PATH);
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        logout.init(config);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!request.getMethod().equals("POST")) {
            signOutPage(request, response);
            return;
        }
        if (EdgeAuthentication.crossOrigin(request)) {
            String requestId = RequestId.of(request);
            LOG.info(() -> "edgeauth rejected reason=" + ReasonCode.CROSS_ORIGIN.code() + " status=403 request_id="
                    + requestId + " path=/logout");
            ProblemResponse.closeIfBodyUnread(request, response);
            ProblemResponse.send(response, ReasonCode.CROSS_ORIGIN, requestId);
            return;
        }
        logout.doFilter(request, response, chain);
    }

    /** A page whose one button posts the sign-out; showing it changes nothing. */
    private static void signOutPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Allow", "GET, POST");
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign out"
                + "</title></head><body><h1>Sign out</h1><form method=\"post\" action=\""
                + request.getContextPath() + LoginRoutes.LOGOUT + "\"><button type=\"submit\">Sign out</button></form>"
                + "</body></html>");
    }
}
