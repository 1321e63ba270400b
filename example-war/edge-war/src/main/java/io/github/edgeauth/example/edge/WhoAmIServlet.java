package io.github.edgeauth.example.edge;

import io.github.edgeauth.core.UserContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The edge's own page about the caller: the same {@link UserContext} the backends receive, as JSON. */
@WebServlet("/me")
public class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UserContext user = UserContext.current(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", user.subject());
        // What a person recognises: the user name (Keycloak's subject is a UUID), else the subject.
        body.put("display", user.claims().get("preferred_username") instanceof String username && !username.isBlank()
                ? username : user.subject());
        body.put("name", user.name().orElse(""));
        body.put("email", user.email().orElse(""));
        body.put("roles", List.copyOf(user.roles()));
        body.put("scopes", List.copyOf(user.scopes()));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(JSONObjectUtils.toJSONString(body));
    }
}
