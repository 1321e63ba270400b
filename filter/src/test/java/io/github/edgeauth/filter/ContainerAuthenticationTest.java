package io.github.edgeauth.filter;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.github.edgeauth.core.UserContext;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.testing.Forge;
import io.github.edgeauth.core.testing.TestKeys;
import io.github.edgeauth.core.internal.token.ContextSigner;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mechanism when the container refuses the caller it names (WildFly without its one-time setting): the
 * request is refused with {@code container_refused} and a problem body, never served without container
 * security and never answered with the container's exception. And each request's caller reaches only the
 * callback handler of its own context.
 */
class ContainerAuthenticationTest {
    private static final JWK KEY = TestKeys.rsa();

    @TempDir
    Path dir;

    @Test
    void aContainerThatRefusesTheVerifiedCallerGetsTheRequestRefused() throws Exception {
        FilterConfiguration config = config();
        String context = new ContextSigner(KEY, JWSAlgorithm.RS256, Forge.ISSUER)
                .mint(UserContext.builder().subject("alice").build(), Forge.AUDIENCE, Duration.ofSeconds(60));
        Map<String, Object> status = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();

        ContainerAuthentication module = new ContainerAuthentication(config);

        AuthStatus outcome = module.validateRequest(message(request(context), response(status, body)),
                new Subject(), refusingContainer());

        assertEquals(AuthStatus.SEND_FAILURE, outcome);
        assertEquals(500, status.get("status"));
        assertTrue(body.toString(StandardCharsets.UTF_8).contains("\"reason\":\"container_refused\""), body.toString());
        assertEquals(1L, config.metrics().getRejections().get("container_refused"));
    }

    /**
     * WildFly makes a callback handler per request and asks for a context with each: the caller one request names
     * must reach that request's handler, never the handler of a request that asked for its context later (one
     * module serves every request of the application).
     */
    @Test
    void aRequestsCallerNeverReachesAnotherRequestsHandler() throws Exception {
        FilterConfiguration config = config();
        ContextSigner signer = new ContextSigner(KEY, JWSAlgorithm.RS256, Forge.ISSUER);
        ModuleProvider provider = new ModuleProvider(new ContainerAuthentication(config));
        List<String> toAlicesHandler = new ArrayList<>();
        List<String> toBobsHandler = new ArrayList<>();

        ServerAuthContext alices = provider.getServerAuthConfig("HttpServlet", "server /app", recording(toAlicesHandler))
                .getAuthContext("server /app", null, Map.of());
        ServerAuthContext bobs = provider.getServerAuthConfig("HttpServlet", "server /app", recording(toBobsHandler))
                .getAuthContext("server /app", null, Map.of());
        String alice = signer.mint(UserContext.builder().subject("alice").build(), Forge.AUDIENCE, Duration.ofSeconds(60));
        String bob = signer.mint(UserContext.builder().subject("bob").build(), Forge.AUDIENCE, Duration.ofSeconds(60));
        assertEquals(AuthStatus.SUCCESS, alices.validateRequest(message(request(alice),
                response(new HashMap<>(), new ByteArrayOutputStream())), new Subject(), null));
        assertEquals(AuthStatus.SUCCESS, bobs.validateRequest(message(request(bob),
                response(new HashMap<>(), new ByteArrayOutputStream())), new Subject(), null));

        assertEquals(List.of("alice"), toAlicesHandler);
        assertEquals(List.of("bob"), toBobsHandler);
    }

    /** A container's handler that notes the caller each request names. */
    private static CallbackHandler recording(List<String> callers) {
        return callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof CallerPrincipalCallback caller) {
                    callers.add(caller.getName());
                }
            }
        };
    }

    /** The filter's configuration, trusting the test key for the forged contexts' issuer and audience. */
    private FilterConfiguration config() throws Exception {
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(KEY.toPublicJWK()).toString());
        return FilterConfiguration.read(Settings.of(Map.of(
                "edgeauth.context.jwks-file", jwks.toString(),
                "edgeauth.context.issuer", Forge.ISSUER,
                "edgeauth.context.audience", Forge.AUDIENCE), Map.of()));
    }

    private static HttpServletRequest request(String context) {
        Map<String, Object> attributes = new HashMap<>();
        return proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getHeaders" -> Collections.enumeration("X-User-Context".equals(args[0]) ? List.of(context) : List.of());
            case "getHeader" -> "X-User-Context".equals(args[0]) ? context : null;
            case "getRequestURI" -> "/app/orders";
            case "getContextPath" -> "/app";
            case "getMethod" -> "GET";
            case "getRemoteAddr" -> "127.0.0.1";
            case "getContentLengthLong" -> -1L;
            case "setAttribute" -> attributes.put((String) args[0], args[1]);
            case "getAttribute" -> attributes.get((String) args[0]);
            default -> null;
        });
    }

    private static HttpServletResponse response(Map<String, Object> status, ByteArrayOutputStream body) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        return proxy(HttpServletResponse.class, (name, args) -> {
            if (name.equals("setStatus")) {
                status.put("status", args[0]);
            }
            return name.equals("getOutputStream") ? out : null;
        });
    }

    /** The container's message for a protected resource. */
    private static MessageInfo message(HttpServletRequest request, HttpServletResponse response) {
        Map<String, Object> map = Map.of("jakarta.security.auth.message.MessagePolicy.isMandatory", "true");
        return proxy(MessageInfo.class, (name, args) -> switch (name) {
            case "getRequestMessage" -> request;
            case "getResponseMessage" -> response;
            case "getMap" -> map;
            default -> null;
        });
    }

    /** WildFly without integrated-jaspi=false: naming the caller throws. */
    private static CallbackHandler refusingContainer() {
        return callbacks -> {
            throw new IllegalStateException("ELY01177: Authorization failed.");
        };
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args));
    }
}
