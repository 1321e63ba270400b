package io.github.edgeauth.it;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Payara Micro started the way the demo, the tests and the benchmarks start it ({@code PayaraMicro.LoopbackLaunch})
 * connects to nothing but loopback. Traced by {@code strace} from its first instruction, it boots, then serves the
 * orders and inventory samples as the demo configures them (orders' Rest Client gets a service token from
 * mock-oauth2-server and calls inventory with it): every address it connected to is in 127.0.0.0/8 or ::1.
 * The listening side is checked by {@code SystemIT}.
 */
class LoopbackOnlyIT {
    private static final Path STRACE = Path.of("/usr/bin/strace");
    /** strace's rendering of an IPv4 and of an IPv6 socket address. */
    private static final Pattern ADDRESS = Pattern.compile(
            "connect\\(\\d+, \\{sa_family=AF_INET6?, sin6?_port=htons\\((\\d+)\\).*?"
                    + "(?:inet_addr\\(\"([^\"]+)\"\\)|inet_pton\\(AF_INET6, \"([^\"]+)\")");

    @Test
    void aPayaraMicroStartedAsEverywhereConnectsToNothingButLoopback() throws Exception {
        String missing = "strace is not installed: apt-get install strace (.ci/run does this)";
        if (!Files.isExecutable(STRACE) && System.getenv("CI") != null) {
            throw new IllegalStateException(missing); // CI must run this check
        }
        Assumptions.assumeTrue(Files.isExecutable(STRACE), missing);
        TestJwks.publish(); // the backends' key source
        MockOAuth2Server provider = LoopbackProvider.start(0);
        try {
            Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it")).resolve("loopback-only").toAbsolutePath();
            Files.createDirectories(dir);
            Path trace = dir.resolve("connect.trace");
            Path demo = Path.of(System.getProperty("edgeauth.demo.dir")).toAbsolutePath();
            int port = SystemIT.freePort();
            int providerPort = provider.baseUrl().port();
            String issuer = "http://127.0.0.1:" + providerPort + "/default";
            List<String> strace = List.of(STRACE.toString(), "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect",
                    "-o", trace.toString());
            try (PayaraMicroServer samples = PayaraMicroServer.start(dir.resolve("server"), port,
                    PayaraMicroServer.samplesSettings(issuer, port), strace)) {
                samples.deploy("inventory", "/inventory", demo.resolve("inventory-war.war"));
                samples.deploy("orders", "/orders", demo.resolve("orders-war.war"));
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(samples.uri("/orders/api/stock/42"))
                        .header("X-User-Context", TestContexts.context("rita", Set.of())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode(), page.body());
                assertTrue(page.body().contains("\"clientId\":\"orders-service\""), page.body());
            }

            List<Connect> connects = connects(Files.readAllLines(trace));
            // The trace saw the server's own calls: the token request to the provider.
            assertTrue(connects.stream().anyMatch(c -> c.port() == providerPort),
                    "no connect to the provider's port " + providerPort + " in " + trace + ": is the trace working?");
            List<Connect> elsewhere = new ArrayList<>();
            for (Connect connect : connects) {
                if (!InetAddress.getByName(connect.address()).isLoopbackAddress()) {
                    elsewhere.add(connect);
                }
            }
            assertEquals(List.of(), elsewhere, "connects to other than loopback; see " + trace);
        } finally {
            provider.shutdown();
        }
    }

    /** One connect the trace shows: to which address and port. */
    record Connect(String address, int port) {
    }

    static List<Connect> connects(List<String> trace) {
        List<Connect> found = new ArrayList<>();
        for (String line : trace) {
            Matcher m = ADDRESS.matcher(line);
            if (m.find()) {
                found.add(new Connect(m.group(2) != null ? m.group(2) : m.group(3), Integer.parseInt(m.group(1))));
            }
        }
        return found;
    }
}
