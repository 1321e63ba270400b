package io.github.edgeauth.client;

import io.github.edgeauth.core.internal.http.OwnedHttpClient;
import io.github.edgeauth.core.internal.keys.OidcDiscovery;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Makes the OAuth 2.0 client_credentials grant at one token endpoint (found by discovery on first use when
 * only the issuer is configured), authenticating with {@code client_secret_basic}, {@code client_secret_post}
 * or a {@code private_key_jwt} assertion signed with nimbus. Failures say which endpoint and which HTTP
 * status, never the secret.
 */
final class TokenEndpoint {
    /** Lifetime assumed when the response gives no {@code expires_in}. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private final ClientConfiguration config;
    private final OwnedHttpClient http;
    private final Clock clock;
    private volatile URI uri;

    TokenEndpoint(ClientConfiguration config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = OwnedHttpClient.build(HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER));
        this.uri = config.tokenEndpoint().orElse(null);
    }

    /** Stops the HTTP client's threads. */
    void close() {
        http.close();
    }

    /** The token endpoint, or the issuer while discovery has not run yet. */
    URI describe() {
        URI known = uri;
        return known != null ? known : config.issuer().orElseThrow();
    }

    Token fetch() {
        URI endpoint = resolve();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (!config.scopes().isEmpty()) {
            form.put("scope", String.join(" ", config.scopes()));
        }
        config.audience().ifPresent(audience -> form.put("audience", audience));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(config.timeout())
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded");
        switch (config.clientAuth()) {
            case CLIENT_SECRET_POST -> {
                form.put("client_id", config.clientId());
                form.put("client_secret", config.secret().orElseThrow());
            }
            case PRIVATE_KEY_JWT -> {
                form.put("client_id", config.clientId());
                form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
                form.put("client_assertion", assertion(endpoint));
            }
            case CLIENT_SECRET_BASIC -> request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (encode(config.clientId()) + ":" + encode(config.secret().orElseThrow()))
                            .getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = send(endpoint, request.POST(HttpRequest.BodyPublishers.ofString(encodeForm(form))).build());
        if (response.statusCode() != 200) {
            throw new ServiceTokenUnavailableException(endpoint, response.statusCode(), errorCode(response.body()));
        }
        try {
            Map<String, Object> body = JSONObjectUtils.parse(response.body());
            String token = JSONObjectUtils.getString(body, "access_token");
            if (token == null || token.isBlank()) {
                throw new ServiceTokenUnavailableException(endpoint, 200, "the answer holds no access_token");
            }
            Object expiresIn = body.get("expires_in");
            Duration lifetime = expiresIn instanceof Number n && n.longValue() > 0 ? Duration.ofSeconds(n.longValue())
                    : DEFAULT_LIFETIME;
            return Token.issued(token, clock.instant(), lifetime);
        } catch (ParseException e) {
            throw new ServiceTokenUnavailableException(endpoint, 200, "the answer is not JSON");
        }
    }

    private HttpResponse<String> send(URI endpoint, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ServiceTokenUnavailableException(endpoint, 0, "timed out after " + config.timeout().toMillis() + " ms");
        } catch (IOException e) {
            throw new ServiceTokenUnavailableException(endpoint, 0, "cannot be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceTokenUnavailableException(endpoint, 0, "interrupted");
        }
    }

    private URI resolve() {
        URI known = uri;
        if (known != null) {
            return known;
        }
        URI discovery = OidcDiscovery.documentOf(config.issuer().orElseThrow().toString());
        HttpResponse<String> response = send(discovery, HttpRequest.newBuilder(discovery).timeout(config.timeout()).GET().build());
        if (response.statusCode() != 200) {
            throw new ServiceTokenUnavailableException(discovery, response.statusCode(), "discovery failed");
        }
        try {
            URI found = JSONObjectUtils.getURI(JSONObjectUtils.parse(response.body()), "token_endpoint");
            if (found == null) {
                throw new ServiceTokenUnavailableException(discovery, 200, "the discovery document names no token_endpoint");
            }
            if ("http".equalsIgnoreCase(found.getScheme()) && "https".equalsIgnoreCase(discovery.getScheme())) {
                // The client secret would travel in plain text to an endpoint an https issuer merely named.
                throw new ServiceTokenUnavailableException(discovery, 200,
                        "the discovery document of an https issuer names a plain-http token_endpoint");
            }
            uri = found;
            return found;
        } catch (ParseException e) {
            throw new ServiceTokenUnavailableException(discovery, 200, "the discovery document is not JSON");
        }
    }

    /** A short-lived client assertion (RFC 7523): iss = sub = client id, aud = the token endpoint. */
    private String assertion(URI endpoint) {
        JWK key = config.clientKey().orElseThrow();
        try {
            JWSAlgorithm alg = key instanceof ECKey ec ? ECDSA.resolveAlgorithm(ec.getCurve()) : JWSAlgorithm.RS256;
            Instant now = clock.instant();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(config.clientId()).subject(config.clientId())
                    .audience(endpoint.toString()).jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(60))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                    claims);
            jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, alg));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new ServiceTokenUnavailableException(endpoint, 0, "the client key cannot sign an assertion");
        }
    }

    /** The OAuth {@code error} code of a refusal, cleaned for a message; empty when there is none. */
    private static String errorCode(String body) {
        try {
            String error = JSONObjectUtils.getString(JSONObjectUtils.parse(body), "error");
            return error == null ? "" : "error=" + error.replaceAll("[^A-Za-z0-9_.-]", "_");
        } catch (ParseException | RuntimeException e) {
            return "";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String encodeForm(Map<String, String> form) {
        StringJoiner joined = new StringJoiner("&");
        form.forEach((key, value) -> joined.add(encode(key) + "=" + encode(value)));
        return joined.toString();
    }
}
