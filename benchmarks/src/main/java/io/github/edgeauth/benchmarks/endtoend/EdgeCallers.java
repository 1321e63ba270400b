package io.github.edgeauth.benchmarks.endtoend;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The two kinds of caller the edge serves, made the way they are in the world: a browser session signed in
 * through the provider's code flow (redirects, cookies and the
 * provider's login form, as a browser follows them), and an API client with a client_credentials token from the provider.
 */
final class EdgeCallers {
    /** The name the benchmark's browser session signs in with. */
    static final String USER = "bench-user";

    private EdgeCallers() {
    }

    /**
     * Signs in through the edge as a browser does: follows each redirect (edge, provider, callback, back to the
     * page), keeping the cookies the edge sets; returns the session's Cookie header.
     */
    static String signIn(URI protectedPage) throws IOException, InterruptedException {
        try {
            return signIn(protectedPage, javax.net.ssl.SSLContext.getDefault());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #signIn(URI)}, trusting what {@code tls} trusts (a load balancer's own certificate). */
    static String signIn(URI protectedPage, javax.net.ssl.SSLContext tls) throws IOException, InterruptedException {
        return signIn(protectedPage, tls, USER, "");
    }

    /** As {@link #signIn(URI, javax.net.ssl.SSLContext)}, as {@code user} with the provider's extra {@code claims} (JSON). */
    static String signIn(URI protectedPage, javax.net.ssl.SSLContext tls, String user, String claims)
            throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> cookies = new LinkedHashMap<>();
        URI next = protectedPage;
        for (int hop = 0; hop < 10; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(next).header("Accept", "text/html,*/*;q=0.8")
                    .timeout(Duration.ofSeconds(30));
            boolean atEdge = next.getAuthority().equals(protectedPage.getAuthority());
            if (atEdge && !cookies.isEmpty()) {
                request.header("Cookie", cookieHeader(cookies));
            }
            HttpResponse<String> response;
            try {
                response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                if (atEdge) {
                    throw e;
                }
                throw new ProviderUnreachable(next, e);
            }
            if (!atEdge && response.statusCode() == 200) {
                // The provider's login page: a user types a name and submits the form to the same URL.
                response = browser.send(HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&claims="
                                + java.net.URLEncoder.encode(claims, StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            if (atEdge) {
                for (String set : response.headers().allValues("Set-Cookie")) {
                    HttpCookie.parse(set).forEach(c -> cookies.put(c.getName(), c.getValue()));
                }
            }
            int status = response.statusCode();
            if (status == 200 && next.equals(protectedPage)) {
                if (cookies.isEmpty()) {
                    throw new IllegalStateException("the edge set no session cookie");
                }
                return cookieHeader(cookies);
            }
            if (status / 100 != 3) {
                throw new SignInStopped(status, atEdge, next, Answers.describe(response));
            }
            next = next.resolve(response.headers().firstValue("Location").orElseThrow());
        }
        throw new IllegalStateException("sign-in through the edge did not end after 10 redirects");
    }

    /**
     * A sign-in that ended on a page other than the one asked for: the edge's or the provider's.
     *
     * @see Answers#describe
     */
    static final class SignInStopped extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final boolean atEdge;
        private final String answer;

        SignInStopped(int status, boolean atEdge, URI at, String answer) {
            super("sign-in through the edge ended with " + status + " at " + at);
            this.atEdge = atEdge;
            this.answer = answer;
        }

        boolean atEdge() {
            return atEdge;
        }

        /** The answer it ended with, described by {@link Answers#describe}: its status and reason. */
        String answer() {
            return answer;
        }
    }

    /** A browser sent by the edge to the provider found nothing listening there. */
    static final class ProviderUnreachable extends IOException {
        private static final long serialVersionUID = 1L;

        ProviderUnreachable(URI at, ConnectException cause) {
            super("nothing listens at " + at.getAuthority(), cause);
        }
    }

    private static String cookieHeader(Map<String, String> cookies) {
        return cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    /** A client_credentials access token from the provider's token endpoint for {@code scope}. */
    static String clientToken(String issuer, String clientId, String secret, String scope)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request answered " + response.statusCode());
        }
        try {
            return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");
        } catch (ParseException e) {
            throw new IllegalStateException("token response is not JSON", e);
        }
    }
}
