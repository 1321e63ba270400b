package io.github.edgeauth.it;

import org.junit.jupiter.api.Assumptions;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a process tree did on the network, as {@code strace} (Debian's, installed by {@code .ci/run}) saw it: which
 * TCP connections it opened and where it sent UDP datagrams. A UDP {@code connect} alone sends nothing (Chromium
 * makes one to a public address to learn its own route), so for UDP only what was sent counts. Not seen: a
 * {@code sendmmsg} on an unconnected socket, whose addresses the trace leaves out (the C library's resolver, the
 * one user of {@code sendmmsg} here, connects its socket first).
 */
final class NetworkTrace {
    static final Path STRACE = Path.of("/usr/bin/strace");
    /** A call on an Internet socket as {@code -yy} shows it: the call, the socket's protocol, and the rest. */
    private static final Pattern CALL = Pattern.compile(
            "(connect|sendto|sendmsg|sendmmsg)\\(\\d+<(TCP|TCPv6|UDP|UDPv6):\\[(.*?)\\]>(.*)");
    private static final Pattern ADDRESS_ARGUMENT = Pattern.compile(
            "(?:sin6?_port=htons\\((\\d+)\\)).*?(?:inet_addr\\(\"([^\"]+)\"\\)|inet_pton\\(AF_INET6, \"([^\"]+)\")");
    /** A connected socket's peer in {@code -yy}'s form: {@code 10.0.0.1:53} or {@code [2001:db8::1]:443}. */
    private static final Pattern PEER = Pattern.compile("->\\[?([0-9a-fA-F:.]+?)\\]?:(\\d+)$");

    private NetworkTrace() {
    }

    /** One TCP connection opened, or one UDP datagram sent, to {@code address}:{@code port}. */
    record Contact(String protocol, String address, int port) {
        boolean onLoopback() {
            try {
                return InetAddress.getByName(address).isLoopbackAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }

    /** Skips the calling test where strace is missing, except in CI, which must run it. */
    static void assumeInstalled() {
        String missing = "strace is not installed: apt-get install strace (.ci/run does this)";
        if (!Files.isExecutable(STRACE) && System.getenv("CI") != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(Files.isExecutable(STRACE), missing);
    }

    /** The command that runs the rest of a command line traced into {@code output}, children included. */
    static List<String> runner(Path output) {
        return List.of(STRACE.toString(), "-f", "-qq", "--seccomp-bpf", "-yy", "-s", "0", "-e", "signal=none",
                "-e", "trace=connect,sendto,sendmsg,sendmmsg", "-o", output.toString());
    }

    /** Every TCP connection opened and every UDP datagram sent in {@code output}. */
    static List<Contact> contacts(Path output) throws java.io.IOException {
        List<Contact> found = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            Matcher call = CALL.matcher(line);
            if (!call.find()) {
                continue;
            }
            String protocol = call.group(2).startsWith("TCP") ? "TCP" : "UDP";
            boolean connect = call.group(1).equals("connect");
            if (connect != protocol.equals("TCP")) {
                continue; // a TCP send goes where its connect went; a UDP connect sends nothing
            }
            Matcher argument = ADDRESS_ARGUMENT.matcher(call.group(4));
            if (argument.find()) {
                String address = argument.group(2) != null ? argument.group(2) : argument.group(3);
                found.add(new Contact(protocol, address, Integer.parseInt(argument.group(1))));
                continue;
            }
            Matcher peer = PEER.matcher(call.group(3));
            if (peer.find()) {
                found.add(new Contact(protocol, peer.group(1), Integer.parseInt(peer.group(2))));
            }
        }
        return found;
    }
}
