package io.github.edgeauth.it;

import io.github.edgeauth.demo.MockProvider;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** mock-oauth2-server with the demo's configuration (a sign-in page a browser fills in), on 127.0.0.1. */
final class LoopbackProvider {
    private LoopbackProvider() {
    }

    /** Starts it on {@code port}; 0 for any free one. */
    static MockOAuth2Server start(int port) {
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(MockProvider.config(true)));
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }
}
