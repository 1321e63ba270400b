package io.github.edgeauth.edge.internal.keys;

import com.nimbusds.jose.jwk.JWKSet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Serves the edge's public signing keys at {@code /.well-known/edgeauth/jwks.json} for the backends. */
public final class JwksServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    public static final String PATH = "/.well-known/edgeauth/jwks.json";

    private final transient Supplier<String> publicKeys;

    /** @param publicKeys the JWK set as JSON, as it stands when asked */
    public JwksServlet(Supplier<String> publicKeys) {
        this.publicKeys = publicKeys;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(JWKSet.MIME_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // Short enough that backends see a newly published next key soon; they also refetch on an unknown kid.
        response.setHeader("Cache-Control", "public, max-age=300");
        response.getWriter().write(publicKeys.get());
    }
}
