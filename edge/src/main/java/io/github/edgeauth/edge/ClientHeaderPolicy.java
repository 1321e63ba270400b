package io.github.edgeauth.edge;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that decides which of a client's request headers a backend may see. Never forwarded:
 * hop-by-hop headers, the edge's own (it sets them afresh), the configured identity headers, and every
 * header some server, valve or framework trusts as coming from its proxy: whole families by name, so a
 * spelling nobody listed yet is dropped too. Names with {@code _} are dropped because servers that fold
 * {@code _} into {@code -} (nginx with {@code underscores_in_headers}, CGI-style {@code HTTP_X_...} maps)
 * read {@code X_Forwarded_User} as {@code X-Forwarded-User}.
 */
final class ClientHeaderPolicy {
    /** RFC 9110 7.6.1 hop-by-hop headers, and those the JDK client sets itself. */
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

    /** @param identityHeaders lower-cased names of the identity headers (the context header and the extras) */
    ClientHeaderPolicy(Set<String> identityHeaders) {
        // Both spellings of each: a server that folds _ into - reads SM-USER as a configured SM_USER.
        java.util.Set<String> both = new java.util.HashSet<>();
        for (String name : identityHeaders) {
            both.add(name);
            both.add(name.replace('_', '-'));
        }
        this.identityHeaders = Set.copyOf(both);
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
