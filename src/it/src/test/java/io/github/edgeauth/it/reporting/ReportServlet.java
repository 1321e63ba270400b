package io.github.edgeauth.it.reporting;

import io.github.edgeauth.client.ServiceTokenFeature;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;

import java.io.IOException;

/**
 * A reporting WAR's one page: it only calls a service (inventory), with a service token from the client
 * feature. The service's URL comes from env {@code REPORTING_INVENTORY_URL} or system property
 * {@code reporting.inventory.url}.
 */
@WebServlet("/report")
public class ReportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Client client = ClientBuilder.newClient().register(new ServiceTokenFeature("inventory"));
        String inventory = System.getenv().getOrDefault("REPORTING_INVENTORY_URL",
                System.getProperty("reporting.inventory.url"));
        try (Response answer = client.target(inventory).request().get()) {
            response.setStatus(answer.getStatus());
            response.setContentType("application/json");
            response.getWriter().write(answer.readEntity(String.class));
        } finally {
            client.close();
        }
    }
}
