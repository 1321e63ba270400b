package io.github.edgeauth.benchmarks.endtoend;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The soak's check, with several edge nodes and under load, that a sign-out through the balancer, and a back-channel
 * logout posted to one node, end the session on every node within a second: each node is asked directly, with the
 * session's cookie.
 */
final class EveryNodeSignOut {
    /** A page of the steady backend, through the edge. */
    private static final String PAGE = "/api/steady/hello";
    private static final Duration WITHIN = Duration.ofSeconds(1);

    private final EdgeNodes edges;
    private final HttpClient direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> failures = new ArrayList<>();

    private EveryNodeSignOut(EdgeNodes edges) {
        this.edges = edges;
    }

    /** Runs the check against {@code edges}, whose provider is {@code issuer}; what failed, if anything. */
    static List<String> check(EdgeNodes edges, String issuer) throws Exception {
        EveryNodeSignOut check = new EveryNodeSignOut(edges);
        check.signOut();
        check.backChannelLogout(issuer);
        if (check.failures.isEmpty()) {
            System.out.printf(Locale.ROOT, "a sign-out and a back-channel logout ended their sessions on all %d"
                    + " edge nodes within %d s%n", edges.count(), WITHIN.toSeconds());
        }
        return check.failures;
    }

    private void signOut() throws Exception {
        HttpClient balanced = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(edges.tls())
                .connectTimeout(Duration.ofSeconds(5)).build();
        String session = EdgeCallers.signIn(edges.uri(PAGE), edges.tls());
        everyNode(session, 200, Duration.ofSeconds(30), "for a session just signed in");
        int out = balanced.send(HttpRequest.newBuilder(edges.uri("/logout")).header("Cookie", session)
                .header("Origin", edges.publicUrl()).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        expect(out == 303, "a sign-out through the balancer answered " + out);
        everyNode(session, 401, WITHIN, "a second after its sign-out through the balancer");
    }

    private void backChannelLogout(String issuer) throws Exception {
        // The provider's logout token (mock-provider.json) names this subject and provider session.
        String session = EdgeCallers.signIn(edges.uri(PAGE), edges.tls(), "frank", "{\"sid\":\"it-provider-session\"}");
        everyNode(session, 200, Duration.ofSeconds(30), "for a session just signed in");
        String token = EdgeCallers.clientToken(issuer, "idp", "secret", "backchannel-logout");
        int logout = direct.send(HttpRequest.newBuilder(edges.nodeUri(0, "/backchannel-logout"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + token)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        expect(logout == 200, "a back-channel logout posted to edge node 1 answered " + logout);
        everyNode(session, 401, WITHIN, "a second after a back-channel logout posted to edge node 1");
    }

    /** Asks each node directly, with {@code cookie}, until it answers {@code status}; all within {@code within}. */
    private void everyNode(String cookie, int status, Duration within, String when) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        for (int i = 0; i < edges.count(); i++) {
            int answer;
            do {
                answer = direct.send(HttpRequest.newBuilder(edges.nodeUri(i, PAGE)).header("Cookie", cookie)
                        .header("Accept", "*/*").timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } while (answer != status && System.nanoTime() < deadline);
            expect(answer == status, "edge node " + (i + 1) + " answered " + answer + ", not " + status + ", " + when);
        }
    }

    private void expect(boolean condition, String failure) {
        if (!condition) {
            failures.add(failure);
        }
    }
}
