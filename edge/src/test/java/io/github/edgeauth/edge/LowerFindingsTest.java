package io.github.edgeauth.edge;

import io.github.edgeauth.edge.internal.config.SignInConfiguration;
import io.github.edgeauth.edge.internal.session.ProfileMapping;
import io.github.edgeauth.edge.internal.session.SignOutRecords;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Settings;
import org.junit.jupiter.api.Test;
import org.pac4j.oidc.profile.OidcProfile;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smaller front-door findings, each attacked: settings that would open a hole, logs a provider could forge. */
public class LowerFindingsTest {
    private static Map<String, String> login(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("edgeauth.edge.issuer", "https://idp.example.com/realms/shop",
                "edgeauth.edge.client-id", "edge", "edgeauth.edge.client-secret", "s"));
        settings.putAll(extra);
        return settings;
    }

    @Test
    void aBearerAudienceEqualToTheClientIdFailsTheDeploymentNamingTheSetting() {
        String message = assertThrows(ConfigurationException.class, () -> SignInConfiguration.read(
                Settings.of(login(Map.of("edgeauth.edge.bearer-audience", "edge")), Map.of()))).getMessage();
        assertTrue(message.contains("edgeauth.edge.bearer-audience"), message);
        assertEquals(Optional.of("orders-api"), SignInConfiguration.read(Settings.of(
                login(Map.of("edgeauth.edge.bearer-audience", "orders-api")), Map.of())).bearerAudience());
    }

    @Test
    void aPlainHttpIssuerIsRefusedOutsideDevelopmentModeUnlessItIsLoopback() {
        String message = assertThrows(ConfigurationException.class, () -> SignInConfiguration.read(
                Settings.of(login(Map.of("edgeauth.edge.issuer", "http://idp.example.com/realms/shop")), Map.of())))
                .getMessage();
        assertTrue(message.contains("edgeauth.edge.issuer") && message.contains("https"), message);
        for (String loopback : List.of("http://127.0.0.1:8180/realms/shop", "http://localhost:8180/realms/shop",
                "http://[::1]:8180/realms/shop")) {
            assertEquals(loopback, SignInConfiguration.read(Settings.of(login(Map.of("edgeauth.edge.issuer", loopback)),
                    Map.of())).issuer());
        }
        assertEquals("http://idp.example.com/realms/shop", SignInConfiguration.read(Settings.of(login(Map.of(
                "edgeauth.edge.issuer", "http://idp.example.com/realms/shop", "edgeauth.edge.development", "true")),
                Map.of())).issuer());
    }

    @Test
    void providerSuppliedSubjectsAndClaimNamesAreCleanedBeforeTheyReachALogLine() {
        List<String> lines;
        try (EdgeLog log = EdgeLog.capture()) {
            OidcProfile profile = new OidcProfile();
            String forged = "alice\nedgeauth rejected reason=bad_signature subject=admin";
            profile.setId(forged);
            profile.addAttribute("evil\r\nclaim", "x");
            new ProfileMapping("roles").explainMissingRoles(UserContext.builder().subject(forged).build(), profile);
            lines = log.lines();
        }
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertTrue(line.contains("subject=alice_edgeauth"), line);
    }

    @Test
    void aLogoutTokensJtiIsTakenOnceWhicheverNodeSeesItFirst() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
        SignOutRecords logouts = SignOutRecords.at("local", clock);
        Instant expires = clock.instant().plusSeconds(120);
        assertTrue(logouts.firstUse("jti-1", expires));
        assertFalse(logouts.firstUse("jti-1", expires), "a replayed logout token was taken twice");
        assertTrue(logouts.firstUse("jti-2", expires));
    }
}
