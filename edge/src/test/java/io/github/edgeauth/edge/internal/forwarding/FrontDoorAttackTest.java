package io.github.edgeauth.edge.internal.forwarding;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge attacked as an outsider would, through the real forwarding to a backend that reports what it
 * received (the set-up of {@link EdgeForwardingTest}): proxy-trust headers of every family, methods, bytes
 * and path spellings.
 */
class FrontDoorAttackTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        EdgeForwardingTest.start();
    }

    @AfterAll
    static void stop() throws Exception {
        EdgeForwardingTest.stop();
    }

    /** The header names the backend received, lower-cased. */
    private Set<String> receivedHeaders(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(EdgeForwardingTest.edge.uri("/orders/public/headers"))
                .header("X-Stand-In-Login", "alice").timeout(Duration.ofSeconds(20));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        String names = EdgeForwardingTest.lines(response.body()).get("headers");
        return Arrays.stream(names.substring(1, names.length() - 1).split(",\\s*"))
                .map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private void neverReachTheBackend(String... names) throws Exception {
        String[] headers = new String[names.length * 2];
        for (int i = 0; i < names.length; i++) {
            headers[2 * i] = names[i];
            headers[2 * i + 1] = "forged";
        }
        Set<String> received = receivedHeaders(headers);
        assertTrue(received.contains("x-stand-in-login"), "the test's own header must pass: " + received);
        for (String name : names) {
            assertFalse(received.contains(name.toLowerCase(Locale.ROOT)), name + " reached the backend: " + received);
        }
    }

    @Test
    void clientCertificateHeadersOfEveryFamilyNeverReachTheBackend() throws Exception {
        neverReachTheBackend("Client-Cert", "Client-Cert-Chain", "X-Forwarded-Client-Cert", "X-Client-Cert",
                "X-SSL-Client-Cert", "X-ARR-ClientCert");
    }

    @Test
    void tomcatSslValveAndUndertowSslHeadersNeverReachTheBackend() throws Exception {
        neverReachTheBackend("ssl_client_cert", "ssl_cipher", "ssl_session_id", "ssl_cipher_usekeysize",
                "SSL_CLIENT_CERT", "SSL_CIPHER", "SSL_SESSION_ID", "ssl-client-cert");
    }

    @Test
    void payaraAndGlassfishProxyHeadersNeverReachTheBackend() throws Exception {
        neverReachTheBackend("Proxy-auth-cert", "Proxy-auth-type", "Proxy-ip", "Proxy-keysize", "Proxy-ssl-id",
                "Proxy-jroute", "Proxy-Authorization", "WL-Proxy-Client-IP", "WL-Proxy-SSL");
    }

    @Test
    void jettyAndOtherSchemeHeadersNeverReachTheBackend() throws Exception {
        neverReachTheBackend("X-Proxied-Https", "Front-End-Https", "X-Forwarded-Ssl", "X-Forwarded-Anything",
                "X-Url-Scheme", "X-Original-Host");
    }

    @Test
    void namesWithUnderscoresNeverReachTheBackend() throws Exception {
        neverReachTheBackend("X_Forwarded_User", "X_User_Context", "Remote_User", "X_Remote_User");
    }

    @Test
    void bothSpellingsOfAConfiguredIdentityHeaderWithAnUnderscoreAreDropped() {
        ClientHeaderPolicy policy = new ClientHeaderPolicy(Set.of("sm_user"), Set.of());
        assertFalse(policy.forwards("SM_USER"));
        assertFalse(policy.forwards("SM-USER"), "a server folding _ into - reads it as SM_USER");
        assertTrue(policy.forwards("Accept-Language"));
    }

    @Test
    void theEdgesSignInCookiesNeverReachTheBackend() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        EdgeForwardingTest.edge.uri("/orders/public/headers"))
                .header("Cookie", "__Host-edgeauth-login=a; edgeauth-login=b; __Secure-edgeauth-login=c; theme=dark")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("theme=dark", EdgeForwardingTest.lines(response.body()).get("cookie"));
    }

    @Test
    void ordinaryHeadersStillReachTheBackend() throws Exception {
        Set<String> received = receivedHeaders("Accept-Language", "de", "X-Custom-Thing", "1", "If-None-Match", "\"a\"");
        assertTrue(received.containsAll(List.of("accept-language", "x-custom-thing", "if-none-match")), received.toString());
    }

    @Test
    void traceAndConnectAre405ProblemsWithAllowAndReachNoBackend() throws Exception {
        for (String line : List.of("TRACE /orders/public/headers HTTP/1.1", "TRACK /orders/public/headers HTTP/1.1",
                "CONNECT 127.0.0.1:1 HTTP/1.1", "CONNECT /orders/public/headers HTTP/1.1")) {
            String raw = raw(line + "\r\nHost: 127.0.0.1\r\nX-Stand-In-Login: alice\r\nConnection: close\r\n\r\n");
            assertFalse(raw.startsWith("HTTP/1.1 5"), line + " -> " + raw);
            assertFalse(raw.contains("subject=alice"), line + " was forwarded: " + raw);
            if (line.startsWith("CONNECT")) { // the server itself may refuse CONNECT before the edge sees it
                assertTrue(raw.startsWith("HTTP/1.1 405") || raw.startsWith("HTTP/1.1 400"), line + " -> " + raw);
            } else {
                assertTrue(raw.startsWith("HTTP/1.1 405"), line + " -> " + raw);
                assertTrue(raw.contains("\"reason\":\"method_not_allowed\""), raw);
                assertTrue(raw.toLowerCase(Locale.ROOT).contains("\r\nallow: get, head, post, put, patch, delete, options"), raw);
            }
        }
    }

    @Test
    void controlBytesInAHeaderOrABadHostAre400NotAForward() throws Exception {
        for (String header : List.of("X-Thing: a\u0001b", "X-Thing: a\u007fb", "Host: evil\"><script>", "Host: a b")) {
            String hostLine = header.startsWith("Host:") ? "" : "Host: 127.0.0.1\r\n";
            String raw = raw("GET /orders/public/headers HTTP/1.1\r\n" + hostLine + header
                    + "\r\nX-Stand-In-Login: alice\r\nConnection: close\r\n\r\n");
            assertTrue(raw.startsWith("HTTP/1.1 400"), header + " -> " + raw);
            assertFalse(raw.contains("subject=alice"), header + " was forwarded");
        }
    }

    @Test
    void pathParametersSuchAsJsessionidAreNeverForwarded() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        EdgeForwardingTest.edge.uri("/orders/public;jsessionid=PLANTED/headers;x=1"))
                .header("X-Stand-In-Login", "alice").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("/orders/public/headers", EdgeForwardingTest.lines(response.body()).get("uri"));
        assertFalse(response.body().contains("PLANTED"), response.body());
    }

    @Test
    void proxiedResponsesThatSetNoContentTypeOptionsGetNosniff() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                EdgeForwardingTest.edge.uri("/orders/public/headers")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));
    }

    @Test
    void noMethodHeaderByteOrPathSpellingEndsInA5xx() throws Exception {
        List<String> methods = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "TRACE",
                "CONNECT", "get", "G@T", "BREW");
        List<String> targets = List.of("/orders/public/headers", "/orders/public/%00", "/orders/%2e%2e/x",
                "/orders/..;/x", "/orders;x/public", "/orders//public", "/orders/public/%zz",
                "/orders/public/headers?q=%00&r=%ff", "/api/%2e%2e/orders", "/api", "/api/", "//orders",
                "/orders/public/\u00e9", "*", "http://127.0.0.1/orders/public/headers", "/backchannel-logout",
                "/logout", "/callback");
        List<String> headers = List.of("", "X-A: \u00ff\u00fe\r\n", "X-A: \t\r\n", "X-Forwarded-Host: evil.example\r\n",
                "Content-Length: 3\r\n", "Transfer-Encoding: chunked\r\n", "Expect: 100-continue\r\n");
        for (String method : methods) {
            for (String target : targets) {
                for (String header : headers) {
                    String body = header.startsWith("Transfer-Encoding") ? "0\r\n\r\n" : header.startsWith("Content-Length") ? "abc" : "";
                    String raw = raw(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stand-In-Login: alice\r\n"
                            + header + "Connection: close\r\n\r\n" + body);
                    assertTrue(raw.isEmpty() || raw.startsWith("HTTP/1.1 ") && raw.charAt(9) != '5',
                            method + " " + target + " " + header.trim() + " -> " + raw.lines().findFirst().orElse(""));
                }
            }
        }
    }

    /** Sends {@code request} as bytes and reads one answer: its head, and its body by Content-Length. */
    @Test
    void anOptionsBodyOfNoDeclaredTypeIsRefusedAndOneWithItsTypeIsForwarded() throws Exception {
        // RFC 9110 9.3.7: OPTIONS content must say what it is. The edge's HTTP client will not send it otherwise.
        String untyped = raw("OPTIONS /orders/public/headers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stand-In-Login: alice\r\n"
                + "Content-Length: 3\r\nConnection: close\r\n\r\nabc");
        assertTrue(untyped.startsWith("HTTP/1.1 400 ") && untyped.contains("bad_header"), untyped);
        String typed = raw("OPTIONS /orders/public/headers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stand-In-Login: alice\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
        assertTrue(typed.startsWith("HTTP/1.1 200 ") && typed.contains("method=OPTIONS") && typed.contains("length=3"),
                typed);
        String lowerCase = raw("options /orders/public/headers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stand-In-Login: alice\r\n"
                + "Content-Length: 3\r\nConnection: close\r\n\r\nabc");
        assertTrue(lowerCase.startsWith("HTTP/1.1 400 ") && lowerCase.contains("bad_header"), lowerCase);
        // A Content-Type the client's own Connection header names is hop-by-hop, so it is not sent either.
        String hopByHop = raw("OPTIONS /orders/public/headers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stand-In-Login: alice\r\n"
                + "Content-Type: text/plain\r\nConnection: content-type, close\r\nContent-Length: 3\r\n\r\nabc");
        assertTrue(hopByHop.startsWith("HTTP/1.1 400 ") && hopByHop.contains("bad_header"), hopByHop);
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", EdgeForwardingTest.edge.uri("").getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            java.io.InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                    .matcher(head);
            if (length.find() && !request.startsWith("HEAD")) {
                head.append(new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.ISO_8859_1));
            }
            return head.toString();
        }
    }

    @Test
    void theRefusalBodyIsAProblemWithTheReasonCode() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(EdgeForwardingTest.edge.uri("/orders/x"))
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals("method_not_allowed", JSONObjectUtils.parse(response.body()).get("reason"));
    }
}
