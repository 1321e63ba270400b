package io.github.edgeauth.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the edge what an outsider would, byte for byte on raw sockets (no HTTP client would send most of it):
 * every method, control and high bytes in headers and in a {@code Host}, and the path spellings that trip up
 * servers. Returns the status line of each answer.
 */
final class FrontDoorSweep {
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "PROPFIND", "TRACE", "TRACK", "CONNECT", "get", "BREW");
    static final List<String> TARGETS = List.of("/orders/api/me", "/orders/api/%00", "/orders/api/%2e%2e/x",
            "/orders/api/..;/x", "/orders/api;jsessionid=x/me", "//orders/api/me", "/orders/api/%zz", "/orders/api/me?q=%00",
            "/api/%2e%2e/orders", "/orders", "/", "/callback?state=x&code=y", "/logout", "/backchannel-logout", "*",
            "http://evil.example/orders/api/me");
    static final List<String> HEADERS = List.of("", "X-A: \u00ff\u00fe\r\n", "X-A: a\u0001b\r\n",
            "Transfer-Encoding: chunked\r\n", "Content-Length: 3\r\n", "Expect: 100-continue\r\n");
    static final List<String> HOSTS = List.of("127.0.0.1", "evil.example:8080", "a b", "evil\"><x>", "");

    private FrontDoorSweep() {
    }

    /** One status line per request of the sweep, as {@code "METHOD target header -> HTTP/1.1 NNN ..."}. */
    static List<String> through(int port) throws IOException {
        List<String> answers = new ArrayList<>();
        for (String method : METHODS) {
            for (String target : TARGETS) {
                for (String header : HEADERS) {
                    answers.add(ask(port, method, target, "127.0.0.1", header));
                }
            }
        }
        for (String host : HOSTS) {
            answers.add(ask(port, "GET", "/orders/api/me", host, ""));
        }
        return answers;
    }

    private static String ask(int port, String method, String target, String host, String header) throws IOException {
        String body = header.startsWith("Transfer-Encoding") ? "0\r\n\r\n" : header.startsWith("Content-Length") ? "abc" : "";
        String request = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + header
                + "Accept: text/html\r\nConnection: close\r\n\r\n" + body;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return method + " " + target + " " + header.trim() + " Host=" + host + " -> " + statusLine(socket.getInputStream());
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString().trim();
    }
}
