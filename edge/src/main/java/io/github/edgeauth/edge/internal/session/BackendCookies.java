package io.github.edgeauth.edge.internal.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The backends' cookies a signed-in browser keeps at the edge (their names and paths, as the edge scoped them),
 * remembered in the edge's session so that sign-out can expire them: a legacy WAR's {@code JSESSIONID} must not
 * outlive the person who signed out. At most {@value #MAX} per session; the session is written only when one is
 * new. Anonymous browsers (no session) are not remembered: they have nobody to sign out.
 */
public final class BackendCookies {
    /** The session attribute: a {@link TreeSet} of {@code name + '\t' + path}. */
    static final String ATTRIBUTE = "io.github.edgeauth.edge.backend-cookies";
    static final int MAX = 32;

    private BackendCookies() {
    }

    /** Remembers the cookie of {@code setCookie} (a {@code Set-Cookie} value the edge sends) in the session, if any. */
    public static void remember(HttpServletRequest request, String setCookie) {
        HttpSession session = request.getSession(false);
        if (session == null) {
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
        String entry = parts[0].substring(0, Math.max(0, eq)).trim() + '\t' + path;
        try {
            if (!(session.getAttribute(ATTRIBUTE) instanceof TreeSet<?> known)) {
                session.setAttribute(ATTRIBUTE, new TreeSet<>(List.of(entry)));
            } else if (!known.contains(entry) && known.size() < MAX) {
                TreeSet<String> more = new TreeSet<>();
                known.forEach(each -> more.add(each.toString()));
                more.add(entry);
                session.setAttribute(ATTRIBUTE, more); // a new value, so that a replicated session sees it
            }
        } catch (IllegalStateException ended) {
            // the session ended meanwhile: nothing to remember
        }
    }

    /** {@code Set-Cookie} values that expire every backend cookie remembered in {@code session}. */
    public static List<String> expiring(HttpSession session) {
        List<String> headers = new ArrayList<>();
        if (session != null && session.getAttribute(ATTRIBUTE) instanceof TreeSet<?> known) {
            for (Object each : known) {
                String[] entry = each.toString().split("\t", 2);
                String name = entry[0].toLowerCase(Locale.ROOT); // browsers read the prefixes in any case
                boolean secure = name.startsWith("__secure-") || name.startsWith("__host-");
                headers.add(entry[0] + "=; Path=" + entry[1] + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
                        + (secure ? "; Secure" : ""));
            }
        }
        return headers;
    }
}
