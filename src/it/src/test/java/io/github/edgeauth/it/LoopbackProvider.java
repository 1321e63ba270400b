package io.github.edgeauth.it;

import io.github.edgeauth.demo.MockProvider;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

import java.net.BindException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** mock-oauth2-server with the demo's configuration (a sign-in page a browser fills in), on 127.0.0.1. */
final class LoopbackProvider {
    private LoopbackProvider() {
    }

    /**
     * Starts it on {@code port}; 0 for any free one. A given port may still be held for a moment by the provider
     * of the test class before, which used the same one and whose shutdown ends asynchronously: binding is tried
     * again until it succeeds, for up to 10 s.
     */
    static MockOAuth2Server start(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(MockProvider.config(true)));
            try {
                server.start(InetAddress.getByName("127.0.0.1"), port);
                return server;
            } catch (Exception e) { // mock-oauth2-server (Kotlin) throws the BindException undeclared
                if (!(rootCause(e) instanceof BindException) || System.nanoTime() > deadline) {
                    throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // polling the port, with a deadline
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
