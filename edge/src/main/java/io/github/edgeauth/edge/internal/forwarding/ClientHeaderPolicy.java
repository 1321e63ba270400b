package io.github.edgeauth.edge.internal.forwarding;

import io.github.edgeauth.edge.internal.session.EdgeSessions;
import io.github.edgeauth.edge.internal.signin.PendingSignInCookie;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.hc.core5.http.HttpRequest;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that decides which of a client's request headers a backend may see. Never forwarded:
 * hop-by-hop headers, the edge's own (it sets them afresh), the configured identity headers, and every
 * header some server, valve or framework trusts as coming from its proxy: whole families by name, so a
 * spelling nobody listed yet is dropped too. Names with {@code _} are dropped because servers that fold
 * {@code _} into {@code -} (nginx with {@code underscores_in_headers}, CGI-style {@code HTTP_X_...} maps)
 * read {@code X_Forwarded_User} as {@code X-Forwarded-User}. The headers a client's {@code Connection} names
 * are dropped as hop-by-hop, and the edge's own cookies are taken out of its {@code Cookie} header.
 * {@link IdentityHeaderStripping} asks it which headers to hide from the edge's own code as well.
 */
public final class ClientHeaderPolicy {
    /** RFC 9110 7.6.1 hop-by-hop headers, and those the HTTP client sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect", "http2-settings");
    /** Set by the edge for each forward, from what it knows: never a client's word. */
    private static final Set<String> EDGE_OWNED = Set.of("authorization", "forwarded", "x-real-ip", "x-request-id");
    /** Single names that servers and frameworks trust as their proxy's. */
    private static final Set<String> PROXY_TRUST = Set.of("true-client-ip", "x-client-ip", "x-cluster-client-ip",
            "x-original-url", "x-rewrite-url", "x-original-uri", "x-original-host", "x-host", "x-proxied-https",
            "front-end-https", "x-url-scheme", "x-scheme", "x-https", "x-arr-ssl", "x-arr-clientcert",
            "x-iis-clientcert");
    /**
     * Families trusted as a proxy's: {@code X-Forwarded-*}; Payara's and GlassFish's {@code Proxy-*}
     * (auth pass-through: {@code Proxy-auth-cert}, {@code Proxy-ip}, {@code Proxy-ssl-id}) and
     * {@code Proxy-Authorization}; WebLogic's {@code WL-Proxy-*}; Tomcat SSLValve's and Undertow's
     * {@code ssl_*} / {@code SSL_CLIENT_*} and their {@code ssl-*} spellings; {@code X-SSL-*}.
     */
    private static final List<String> PROXY_TRUST_PREFIXES = List.of("x-forwarded-", "proxy-", "wl-proxy-", "ssl-",
            "ssl_", "x-ssl-");

    private final Set<String> identityHeaders;
    private final Set<String> edgeCookies;

    /**
     * @param identityHeaders lower-cased names of the identity headers (the context header and the extras)
     * @param edgeCookies     lower-cased names of the edge's own cookies ({@link #edgeCookieNames})
     */
    public ClientHeaderPolicy(Set<String> identityHeaders, Set<String> edgeCookies) {
        this.edgeCookies = Set.copyOf(edgeCookies);
        // Both spellings of each: a server that folds _ into - reads SM-USER as a configured SM_USER.
        java.util.Set<String> both = new java.util.HashSet<>();
        for (String name : identityHeaders) {
            both.add(name);
            both.add(name.replace('_', '-'));
        }
        this.identityHeaders = Set.copyOf(both);
    }

    /**
     * The names, in lower case, of the edge's own cookies, which backends never see nor set: its session cookie, the
     * sign-in cookies, and the container's session cookie ({@code sessionCookie}, the container's name for it) with
     * the session version and single sign-on cookies Payara and Tomcat add beside it, should anything make one.
     */
    static Set<String> edgeCookieNames(String sessionCookie) {
        String session = (sessionCookie == null ? "JSESSIONID" : sessionCookie).toLowerCase(Locale.ROOT);
        Set<String> names = new HashSet<>(List.of(session, session + "version", "jsessionidversion", "jsessionidsso"));
        PendingSignInCookie.NAMES.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        EdgeSessions.NAMES.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        return Set.copyOf(names);
    }

    /** The edge's own cookies, lower case: a backend may neither see nor set them. */
    Set<String> edgeCookies() {
        return edgeCookies;
    }

    /** Whether a header of this name is an identity header, hidden from the edge's own code as well. */
    boolean isIdentityHeader(String name) {
        return identityHeaders.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Copies to {@code outbound} the client's headers a backend may see: those {@link #forwards} allows and the
     * request's {@code Connection} header does not name, with the edge's own cookies taken out.
     */
    void copy(HttpServletRequest request, HttpRequest outbound) {
        Set<String> connectionTokens = new HashSet<>();
        for (String value : Collections.list(request.getHeaders("Connection"))) {
            for (String token : value.split(",")) {
                connectionTokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!forwards(name) || connectionTokens.contains(lower)) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                if (lower.equals("cookie")) {
                    value = withoutEdgeCookies(value);
                    if (value.isEmpty()) {
                        continue;
                    }
                }
                outbound.addHeader(name, value);
            }
        }
    }

    /** The cookie header without the edge's own cookies. */
    private String withoutEdgeCookies(String header) {
        StringBuilder kept = new StringBuilder();
        for (String cookie : header.split(";")) {
            String trimmed = cookie.trim();
            int eq = trimmed.indexOf('=');
            String name = (eq < 0 ? trimmed : trimmed.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty() && !edgeCookies.contains(name)) {
                if (!kept.isEmpty()) {
                    kept.append("; ");
                }
                kept.append(trimmed);
            }
        }
        return kept.toString();
    }

    /** Whether a client's header of this name may reach a backend. */
    boolean forwards(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.indexOf('_') >= 0 || lower.contains("client-cert") || HOP_BY_HOP.contains(lower)
                || EDGE_OWNED.contains(lower) || PROXY_TRUST.contains(lower) || identityHeaders.contains(lower)) {
            return false;
        }
        for (String prefix : PROXY_TRUST_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }
}
