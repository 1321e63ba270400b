package io.github.edgeauth.edge.internal.web;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.internal.http.RequestId;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The few pages the edge itself shows a person: plain HTML, no scripts, never a stack trace. */
public final class ErrorPages {
    private ErrorPages() {
    }

    /** 503: the provider cannot be reached, so no login can start; logins work as soon as it is back. */
    public static void providerUnavailable(HttpServletResponse response, String requestId) throws IOException {
        page(response, ReasonCode.IDP_UNAVAILABLE, requestId, "Sign-in is unavailable",
                "The identity provider cannot be reached right now, so you cannot sign in. "
                        + "Please try again in a moment.");
    }

    /** 401: the provider's answer did not check out (state, nonce, PKCE or code), so no session was made. */
    public static void loginFailed(HttpServletResponse response, String requestId) throws IOException {
        page(response, ReasonCode.LOGIN_FAILED, requestId, "Sign-in failed",
                "The answer from the identity provider could not be verified. Please start again from the home page.");
    }

    /** 403: the route's rules at the edge ask for a role this person does not hold. */
    public static void forbidden(HttpServletResponse response, String requestId) throws IOException {
        page(response, ReasonCode.INSUFFICIENT_ROLE, requestId, "Not allowed",
                "You are signed in, but this page needs a role you do not have. Ask the application's administrator"
                        + " if you should have it.");
    }

    private static void page(HttpServletResponse response, ReasonCode reason, String requestId, String title,
                             String text) throws IOException {
        response.resetBuffer();
        response.setStatus(reason.status());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader(RequestId.HEADER, requestId);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body><h1>" + title + "</h1><p>" + text + "</p><p><small>reason: " + reason.code()
                + " &middot; request id: " + requestId.replaceAll("[^A-Za-z0-9._:-]", "") + "</small></p>"
                + "<p><a href=\"/\">Home</a></p></body></html>");
        response.flushBuffer();
    }
}
