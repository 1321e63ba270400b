package io.github.edgeauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A cookie-keeping HTTP client that does not follow redirects, so each hop can be checked. */
final class Http {
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    Http() {
        this(null);
    }

    /** One that trusts what {@code tls} trusts (a test's own certificate, say); the JVM's trust when null. */
    Http(javax.net.ssl.SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
        client = (tls == null ? builder : builder.sslContext(tls)).build();
    }

    /** Every cookie this client keeps, as a {@code Cookie} header sends them. */
    String cookieHeader() {
        return String.join("; ", cookies.getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).toList());
    }

    /** The value of the cookie {@code name} this client keeps, if any. */
    java.util.Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst();
    }

    /** A GET as a browser's page navigation sends it ({@code Accept: text/html}), unless {@code headers} name an Accept. */
    HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (java.util.Arrays.stream(headers).noneMatch(h -> h.equalsIgnoreCase("Accept"))) {
            request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(URI uri, Map<String, String> form, String... headers) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((key, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON request with a bearer token (admin APIs). */
    HttpResponse<String> send(String method, URI uri, String json, String bearer) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI location(HttpResponse<?> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("expected a redirect, got " + response.statusCode())));
    }

    static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return JSONObjectUtils.parse(response.body());
    }

    /** Signs in at the edge through the provider's login form, as a person would without a browser. */
    void login(URI edgeHome, String username, String claimsJson) throws Exception {
        HttpResponse<String> start = get(edgeHome);
        if (start.statusCode() != 302) {
            throw new AssertionError("the edge did not send us to log in: " + start.statusCode() + " " + start.body());
        }
        URI authorize = location(start);
        HttpResponse<String> form = postForm(authorize, Map.of("username", username, "claims", claimsJson));
        HttpResponse<String> callback = get(location(form));
        if (callback.statusCode() != 302) {
            throw new AssertionError("the callback failed: " + callback.statusCode() + " " + callback.body());
        }
    }
}
