package io.github.edgeauth.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sockets a process listens on, read from Linux's {@code /proc} (the process's socket inodes, matched
 * against {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}), as {@code address:port} in the
 * kernel's hex form. A UDP socket listens when it is bound and not connected (no remote address).
 */
final class ListeningSockets {
    private static final String LISTEN = "0A";
    private static final List<String> UNCONNECTED = List.of("00000000:0000", "00000000000000000000000000000000:0000");
    private static final String IPV4_LOOPBACK_PREFIX = "7F"; // 127.x.x.x, stored little-endian: last byte first
    private static final String IPV6_LOOPBACK = "00000000000000000000000001000000";

    private ListeningSockets() {
    }

    /** Whether this machine exposes {@code /proc/net/tcp}. */
    static boolean readable() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** Every listening socket of {@code pid} whose address is not a loopback address. */
    static List<String> notOnLoopback(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        List<String> exposed = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6")) {
            boolean udp = table.contains("udp");
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] columns = line.trim().split("\\s+");
                String local = columns[1];
                String address = local.substring(0, local.indexOf(':'));
                boolean listening = udp ? UNCONNECTED.contains(columns[2]) : columns[3].equals(LISTEN);
                if (!listening || !inodes.contains(columns[9])) {
                    continue;
                }
                boolean loopback = address.length() == 8 ? address.endsWith(IPV4_LOOPBACK_PREFIX)
                        : address.equals(IPV6_LOOPBACK) || address.startsWith("0000000000000000FFFF0000")
                        && address.endsWith(IPV4_LOOPBACK_PREFIX);
                if (!loopback) {
                    exposed.add(table + " " + local);
                }
            }
        }
        return exposed;
    }
}
