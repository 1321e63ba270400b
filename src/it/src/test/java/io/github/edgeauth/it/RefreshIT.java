package io.github.edgeauth.it;

import io.github.edgeauth.testkit.MockProvider;
import io.github.edgeauth.testkit.PayaraMicro;
import io.github.edgeauth.testkit.Ports;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A browser session across three access-token expiries (60 s tokens) keeps working with no new login: the
 * edge refreshes ahead of expiry. This one takes real time, about three and a half minutes.
 */
class RefreshIT {
    static MockOAuth2Server provider;
    static PayaraMicro edge;
    static final List<RecordedRequest> REQUESTS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        provider = MockProvider.inThisJvm("{\"interactiveLogin\": true,"
                + " \"tokenCallbacks\": [{\"issuerId\": \"short\", \"tokenExpiry\": 60, \"requestMappings\":"
                + " [{\"requestParam\": \"grant_type\", \"match\": \"*\", \"claims\": {}}]}]}", 0);
        String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/short";
        Path dir = Path.of(System.getProperty("edgeauth.it.dir", "target/it"));
        Path demo = Path.of(System.getProperty("edgeauth.demo.dir", "../../example-war/demo/target/demo"));
        edge = PayaraMicro.start("refresh-edge", demo.resolve("payara-micro.jar"), demo.resolve("edge-war.war"), "/",
                Ports.free(), dir.resolve("run"), Map.of("EDGEAUTH_EDGE_ISSUER", issuer,
                        "EDGEAUTH_EDGE_CLIENT_ID", "edge", "EDGEAUTH_EDGE_CLIENT_SECRET", "edge-secret",
                        "EDGEAUTH_EDGE_DEVELOPMENT", "true"), List.of())
                .awaitReady("/.well-known/edgeauth/jwks.json", Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (edge != null) {
            edge.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    static long tokenRequestsWith(String formPart) {
        while (true) {
            try {
                REQUESTS.add(provider.takeRequest(1, TimeUnit.MILLISECONDS));
            } catch (RuntimeException none) {
                break;
            }
        }
        return REQUESTS.stream().filter(r -> r.getPath() != null && r.getPath().endsWith("/token"))
                .filter(r -> r.getBody().clone().readUtf8().contains(formPart)).count();
    }

    @Test
    void aBrowserSessionKeepsWorkingAcrossThreeTokenExpiriesWithNoLogin() throws Exception {
        Http person = new Http();
        person.login(edge.uri("/"), "grace", "{}");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(200); // past three 60 s lifetimes
        int calls = 0;
        while (System.nanoTime() < end) {
            HttpResponse<String> me = person.get(edge.uri("/me"), "Accept", "application/json");
            assertEquals(200, me.statusCode(), "call " + calls + ": " + me.body());
            assertTrue(me.body().contains("\"subject\":\"grace\""), me.body());
            calls++;
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5)); // a person clicking now and then
        }
        assertEquals(1, tokenRequestsWith("grant_type=authorization_code"), "one login only");
        assertTrue(tokenRequestsWith("grant_type=refresh_token") >= 3, "refreshed at least once per lifetime");
    }
}
