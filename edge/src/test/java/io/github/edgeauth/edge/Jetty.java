package io.github.edgeauth.edge;

import io.github.edgeauth.edge.internal.config.EdgeConfiguration;
import io.github.edgeauth.edge.internal.config.SignInConfiguration;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.testing.LoopbackJetty;

import java.time.Clock;

/** The edge in a real servlet container on loopback. */
public final class Jetty {
    private Jetty() {
    }

    /** The edge as its WAR installs it, configured from {@code settings} and on {@code port}; not started yet. */
    public static LoopbackJetty edge(Settings settings, int port, Clock clock) {
        EdgeConfiguration edgeConfig = EdgeConfiguration.read(settings);
        SignInConfiguration login = SignInConfiguration.read(settings);
        return new LoopbackJetty("", port).initializer(
                (classes, context) -> EdgeInitializer.install(context, edgeConfig, login, clock));
    }
}
