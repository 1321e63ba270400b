package io.github.edgeauth.it.javax;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The legacy-WAR cases on a Java EE 8 server with CDI, JASPIC and EJB, for the secured WAR at {@code /secured}
 * (src/test/resources/secured/web.xml) with the javax jars the build made, called with contexts that the Jakarta
 * EE edge's signer made: principal, {@code @Inject UserContext} (CDI 2), a web.xml {@code <security-constraint>}
 * and EJB {@code @RolesAllowed} through JASPIC 1.1, and the client feature on the server's own JAX-RS 2.1 client.
 */
abstract class JavaxServerCases {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The server's URI for {@code path}. */
    abstract URI uri(String path);

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminPassesTheConstraintAndCdiAndTheEjbKnowTheCaller() throws Exception {
        HttpResponse<String> response = get("/secured/secure/report", "X-User-Context",
                EdgeContexts.context("judy", Set.of("admin")));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("principal=judy\n"), response.body());
        assertTrue(response.body().contains("injected=judy\n"), response.body());
        assertTrue(response.body().contains("ejb=judy admin=true\n"), response.body());
        HttpResponse<String> open = get("/secured/open/report", "X-User-Context", EdgeContexts.context("judy", Set.of("admin")));
        assertEquals(200, open.statusCode(), "the EJB knows the caller outside the constraint too: " + open.body());
    }

    @Test
    void aUserWithoutTheRoleIsForbiddenByTheConstraintAndByTheEjb() throws Exception {
        String user = EdgeContexts.context("karl", Set.of("user"));
        assertEquals(403, get("/secured/secure/report", "X-User-Context", user).statusCode());
        assertEquals(403, get("/secured/open/report", "X-User-Context", user).statusCode());
    }

    @Test
    void anAnonymousCallerOfAProtectedPathGets401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = get("/secured/secure/report");
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(response.body().contains("missing_credentials"), response.body());
    }

    /**
     * The report page calls the WAR's own {@code /whoami} through the client feature on the server's JAX-RS 2.1
     * client: the filter takes the provider's service token and the caller's context the feature passed on.
     */
    @Test
    void theClientFeatureCallsABackendWithAServiceTokenAndTheCallersContext() throws Exception {
        HttpResponse<String> report = get("/secured/report", "X-User-Context", EdgeContexts.context("rita", Set.of()));
        assertEquals(200, report.statusCode(), report.body());
        assertTrue(report.body().contains("subject=rita\n") && report.body().contains("service=orders-service\n"),
                report.body());
    }
}
