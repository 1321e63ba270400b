package io.github.edgeauth.edge.internal.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;

/** What a browser says about a request: whether it is a page navigation, whether it comes from another site. */
public final class BrowserRequests {
    private BrowserRequests() {
    }

    /**
     * Whether this is a browser's page navigation, the one kind of request a login redirect helps: a GET (or
     * HEAD) that asks for HTML, not marked as script ({@code X-Requested-With}) and, when the browser says,
     * made as a navigation ({@code Sec-Fetch-Mode}). Anything else gets a 401 it can act on: a {@code fetch()}
     * sent to the provider would only fail there on CORS.
     */
    public static boolean pageNavigation(HttpServletRequest request) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD") || request.getHeader("X-Requested-With") != null) {
            return false;
        }
        String mode = request.getHeader("Sec-Fetch-Mode");
        if (mode != null && !mode.equalsIgnoreCase("navigate")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    /**
     * Whether a browser says this request comes from another site: {@code Sec-Fetch-Site} when sent, else
     * {@code Origin} against the edge's public origin. Requests with neither (non-browser clients) pass.
     */
    public static boolean crossOrigin(HttpServletRequest request, PublicOrigin publicOrigin) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !site.equals("same-origin") && !site.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        return !origin.equalsIgnoreCase(publicOrigin.origin(request));
    }
}
