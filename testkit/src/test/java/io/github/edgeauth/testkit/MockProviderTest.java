package io.github.edgeauth.testkit;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MockProviderTest {

    @Test
    void inThisJvmItServesDiscoveryOnLoopback() throws Exception {
        MockOAuth2Server provider = MockProvider.inThisJvm(0);
        try {
            URI discovery = URI.create("http://127.0.0.1:" + provider.baseUrl().port()
                    + "/default/.well-known/openid-configuration");
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(discovery).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("\"http://127.0.0.1:" + provider.baseUrl().port() + "/default\","),
                    answer.body());
        } finally {
            provider.shutdown();
        }
    }

    @Test
    void theConfigurationSaysWhetherThereIsALoginPageAndTheRecordingOneKeepsRequests() {
        assertTrue(MockProvider.config(true).contains("\"interactiveLogin\": true"));
        assertTrue(MockProvider.config(false).contains("\"interactiveLogin\": false"));
        assertTrue(MockProvider.recordingConfig().contains("\"httpServer\": \"MockWebServerWrapper\""));
        assertTrue(MockProvider.recordingConfig().contains("\"match\": \"inventory:read\""));
    }
}
