package io.github.edgeauth.it.javax.app;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import javax.inject.Inject;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The report page again, through an injected MicroProfile Rest Client instead of a plain JAX-RS client. */
@WebServlet("/rest-report")
public class RestReportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    @RestClient
    InventoryClient inventory;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(inventory.whoami());
    }
}
