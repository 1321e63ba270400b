package io.github.edgeauth.it.docs;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The old token check of migration.md's step 5, taught its one line: a caller edgeauth already knows passes;
 * anyone else needs the WAR's own (here made-up) token.
 */
public class OldTokenFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (request.getUserPrincipal() != null || "old-token".equals(request.getHeader("X-Old-Token"))) {
            chain.doFilter(req, res);
            return;
        }
        ((HttpServletResponse) res).sendError(HttpServletResponse.SC_UNAUTHORIZED, "the old check refused");
    }
}
