package io.github.edgeauth.edge.internal.forwarding;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The first thing the edge does with a client request: makes every inbound identity header (the context
 * header and the configured extras such as {@code X-Forwarded-User}) invisible, so nothing a client sends
 * can pass for an identity the edge vouches for. Which headers those are, {@link ClientHeaderPolicy} decides.
 */
public final class IdentityHeaderStripping implements Filter {
    private final ClientHeaderPolicy policy;

    public IdentityHeaderStripping(ClientHeaderPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http) {
            chain.doFilter(new Stripped(http, policy), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static final class Stripped extends HttpServletRequestWrapper {
        private final ClientHeaderPolicy policy;

        Stripped(HttpServletRequest request, ClientHeaderPolicy policy) {
            super(request);
            this.policy = policy;
        }

        private boolean hidden(String name) {
            return name != null && policy.isIdentityHeader(name);
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public long getDateHeader(String name) {
            return hidden(name) ? -1 : super.getDateHeader(name);
        }

        @Override
        public int getIntHeader(String name) {
            return hidden(name) ? -1 : super.getIntHeader(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(this::hidden);
            return Collections.enumeration(names);
        }
    }
}
