package io.github.edgeauth.it.javax.app;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.client.Client;
import javax.ws.rs.client.ClientBuilder;
import javax.ws.rs.core.Response;
import java.io.IOException;

/**
 * An application without edgeauth that builds a JAX-RS client and makes one call: on WildFly 26 the first
 * application to do so stays held by the server (Elytron's client configuration keeps the access control context of
 * its first use, statically), whoever it is.
 */
@WebServlet("/warmup")
public class WarmupServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Client client = ClientBuilder.newClient();
        try (Response answer = client.target(System.getProperty("reporting.inventory.url")).request().get()) {
            response.getWriter().write("answered " + answer.getStatus());
        } finally {
            client.close();
        }
    }
}
