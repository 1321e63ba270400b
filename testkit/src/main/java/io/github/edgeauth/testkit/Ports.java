package io.github.edgeauth.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on loopback, for the servers the tests, the benchmarks and the demo start. */
public final class Ports {
    private Ports() {
    }

    /**
     * A port that nothing listens on at 127.0.0.1 now: the system picks it, and it is closed again before it is
     * returned, so the server given it binds it itself.
     */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
