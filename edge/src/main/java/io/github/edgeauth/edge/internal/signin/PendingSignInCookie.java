package io.github.edgeauth.edge.internal.signin;

import io.github.edgeauth.edge.internal.web.EdgePaths;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The browser's half of a {@link PendingSignIn}: an encrypted, authenticated, short-lived cookie (a JWE,
 * {@code dir} with A256GCM, made with nimbus). On https it is a {@code __Host-} cookie (for {@code /}, no
 * {@code Domain}), which no sibling subdomain and no plain-http page can set, so nobody can plant a sign-in of
 * their own in a victim's browser (login CSRF); on plain http (development) it goes only to the callback path,
 * and the callback takes only the cookie whose state is the one the provider sent back. Its key is derived
 * from the edge's signing key, so every node of a cluster that shares the key files reads the cookies of
 * the others, and nothing a visitor sends can be forged into one. Stateless; one instance per edge.
 */
public final class PendingSignInCookie {
    /** How long a sign-in may take at the provider. */
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String LABEL = "edgeauth pending-login cookie v1";
    private static final int MAX_VALUE_LENGTH = 4096;

    private final SecretKey key;
    private final String path;
    private final Clock clock;

    private PendingSignInCookie(SecretKey key, String path, Clock clock) {
        this.key = key;
        this.path = path;
        this.clock = clock;
    }

    /** Keyed by {@code signingKey}'s private part; sent only to {@code contextPath + /callback}. */
    public static PendingSignInCookie derivedFrom(JWK signingKey, String contextPath, Clock clock) {
        try {
            byte[] secret = ((AsymmetricJWK) signingKey).toPrivateKey().getEncoded();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] derived = mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8));
            return new PendingSignInCookie(new SecretKeySpec(derived, "AES"), contextPath + EdgePaths.CALLBACK, clock);
        } catch (JOSEException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the signing key cannot key the sign-in cookie", e);
        }
    }

    /** {@code __Host-} on https: browsers take it only from https, for {@code /}, without {@code Domain}. */
    static String name(boolean secure) {
        return secure ? "__Host-edgeauth-login" : "edgeauth-login";
    }

    /** Every name the cookie has ever had, which a backend must never be sent. */
    public static final java.util.Set<String> NAMES = java.util.Set.of(name(true), name(false), "__Secure-edgeauth-login");

    private String path(boolean secure) {
        return secure ? "/" : path;
    }

    /**
     * The pending sign-in of the request's cookie of the one name this origin uses, when it is ours and not
     * expired; with {@code state}, only the one started with that state.
     */
    Optional<PendingSignIn> read(HttpServletRequest request, boolean secure, Optional<String> state) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name(secure)) && cookie.getValue() != null
                    && cookie.getValue().length() <= MAX_VALUE_LENGTH) {
                Optional<PendingSignIn> pending = open(cookie.getValue())
                        .filter(p -> state.isEmpty() || p.state().equals(state));
                if (pending.isPresent()) {
                    return pending;
                }
            }
        }
        return Optional.empty();
    }

    /** Sets the cookie for {@code pending}. */
    public void write(HttpServletResponse response, PendingSignIn pending, boolean secure) {
        response.addHeader("Set-Cookie", name(secure) + "=" + seal(pending) + "; Path=" + path(secure) + "; Max-Age="
                + LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    /** Ends the cookie in the browser: a sign-in comes back once. */
    void clear(HttpServletResponse response, boolean secure) {
        response.addHeader("Set-Cookie", name(secure) + "=; Path=" + path(secure) + "; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : ""));
    }

    String seal(PendingSignIn pending) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)));
        pending.state().ifPresent(v -> claims.claim("st", v));
        pending.nonce().ifPresent(v -> claims.claim("nn", v));
        pending.codeVerifier().ifPresent(v -> claims.claim("cv", v));
        pending.returnUrl().ifPresent(v -> claims.claim("ru", v));
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), claims.build());
        try {
            jwt.encrypt(new DirectEncrypter(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot seal the sign-in cookie", e);
        }
        return jwt.serialize();
    }

    Optional<PendingSignIn> open(String value) {
        try {
            EncryptedJWT jwt = EncryptedJWT.parse(value);
            if (!JWEAlgorithm.DIR.equals(jwt.getHeader().getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(jwt.getHeader().getEncryptionMethod())) {
                return Optional.empty();
            }
            jwt.decrypt(new DirectDecrypter(key));
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (expiry == null || !expiry.toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new PendingSignIn(Optional.ofNullable(claims.getStringClaim("st")),
                    Optional.ofNullable(claims.getStringClaim("nn")), Optional.ofNullable(claims.getStringClaim("cv")),
                    Optional.ofNullable(claims.getStringClaim("ru"))));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty(); // not ours, tampered with, or made with another key: no sign-in pending
        }
    }
}
