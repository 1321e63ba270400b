package io.github.edgeauth.it.javax.app;

import io.github.edgeauth.client.ServiceTokenFeature;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.client.Client;
import javax.ws.rs.client.ClientBuilder;
import javax.ws.rs.core.Response;
import java.io.IOException;

/**
 * A Java EE 8 application's call to another service with a JAX-RS 2.1 client and the client feature: a service
 * token from the provider and the caller's context, attached by the feature. The service's URL is system property
 * {@code reporting.inventory.url}; its answer is passed on.
 */
public class ReportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Client client = ClientBuilder.newClient().register(new ServiceTokenFeature("inventory"));
        try (Response answer = client.target(System.getProperty("reporting.inventory.url")).request().get()) {
            response.setStatus(answer.getStatus());
            response.setContentType("text/plain");
            response.getWriter().write(answer.readEntity(String.class));
        } finally {
            client.close();
        }
    }
}
