package io.github.edgeauth.edge.internal.session;

import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The backends' cookies a signed-in browser keeps at the edge (their names and paths, as the edge scoped them),
 * remembered in the edge's session so that sign-out can expire them: a legacy WAR's {@code JSESSIONID} must not
 * outlive the person who signed out. At most {@value #MAX} per session; the session is written only when one is
 * new. Anonymous browsers (no session) are not remembered: they have nobody to sign out.
 */
public final class BackendCookies {
    static final int MAX = 32;
    /** The request attribute: where a signed-in request's new backend cookies go ({@code name + '\t' + path}). */
    private static final String SINK = BackendCookies.class.getName() + ".sink";

    private BackendCookies() {
    }

    /** Sends the backend cookies this request sets to {@code session} (the request's edge session). */
    static void collect(HttpServletRequest request, Consumer<String> session) {
        request.setAttribute(SINK, session);
    }

    /** Remembers the cookie of {@code setCookie} (a {@code Set-Cookie} value the edge sends) in the session, if any. */
    @SuppressWarnings("unchecked")
    public static void remember(HttpServletRequest request, String setCookie) {
        if (!(request.getAttribute(SINK) instanceof Consumer<?> sink)) {
            return;
        }
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        String path = "/";
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            if (attribute.toLowerCase(Locale.ROOT).startsWith("path=")) {
                path = attribute.substring(5).trim();
            }
        }
        ((Consumer<String>) sink).accept(parts[0].substring(0, Math.max(0, eq)).trim() + '\t' + path);
    }

    /** {@code Set-Cookie} values that expire every backend cookie remembered in {@code session}. */
    public static List<String> expiring(EdgeSession session) {
        List<String> headers = new ArrayList<>();
        for (String each : session.backendCookies()) {
            String[] entry = each.split("\t", 2);
            String name = entry[0].toLowerCase(Locale.ROOT); // browsers read the prefixes in any case
            boolean secure = name.startsWith("__secure-") || name.startsWith("__host-");
            headers.add(entry[0] + "=; Path=" + entry[1] + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
                    + (secure ? "; Secure" : ""));
        }
        return headers;
    }
}
