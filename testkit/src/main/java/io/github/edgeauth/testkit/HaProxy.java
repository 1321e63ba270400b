package io.github.edgeauth.testkit;

import org.junit.jupiter.api.Assumptions;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Debian's HAProxy ({@code haproxy}, installed by {@code .ci/run}) as a team puts it in front of the edge: it ends
 * TLS for {@code localhost} on a 127.0.0.1 port, with a self-signed certificate made by Debian's {@code openssl},
 * and forwards plain HTTP to loopback backends, saying {@code X-Forwarded-Proto: https} and
 * {@code X-Forwarded-For} itself and dropping what a client says about the hop. Run in the foreground, stopped by
 * {@link #close()}. Either with its own configuration for one backend, or with one the caller gives (a page of the
 * docs, say).
 */
public final class HaProxy implements AutoCloseable {
    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private final Process process;
    private final Path log;
    private final X509Certificate certificate;

    private HaProxy(Process process, Path log, X509Certificate certificate) {
        this.process = process;
        this.log = log;
        this.certificate = certificate;
    }

    /** Skips the calling test on a machine without HAProxy or openssl, but fails in CI, which must run it. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(HAPROXY) && Files.isExecutable(OPENSSL);
        String missing = "HAProxy or openssl is not installed: apt-get install haproxy openssl (.ci/run does this)";
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(installed, missing);
    }

    /**
     * Makes a certificate for {@code localhost} and its config in {@code dir}, starts HAProxy on 127.0.0.1:{@code port}
     * in front of 127.0.0.1:{@code backendPort}, and waits until it completes TLS handshakes.
     */
    public static HaProxy start(Path dir, int port, int backendPort, Duration deadline)
            throws IOException, InterruptedException {
        Path pem = certificate(dir);
        return start(dir, String.join("\n", List.of(
                "global",
                "    maxconn 256",
                "defaults",
                "    mode http",
                "    timeout connect 5s",
                "    timeout client 30s",
                "    timeout server 60s",
                "frontend https",
                "    bind 127.0.0.1:" + port + " ssl crt " + pem,
                "    http-request del-header Forwarded",
                "    http-request del-header X-Forwarded-Host",
                "    http-request del-header X-Forwarded-Port",
                "    http-request set-header X-Forwarded-Proto https",
                "    http-request set-header X-Forwarded-For %[src]",
                "    default_backend edge",
                "backend edge",
                "    server edge 127.0.0.1:" + backendPort, "")), port, deadline);
    }

    /**
     * Makes a self-signed certificate for {@code localhost} (and 127.0.0.1) in {@code dir}, once; returns the file
     * HAProxy wants, the certificate and its key in one.
     */
    public static Path certificate(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path pem = dir.resolve("localhost.pem");
        if (Files.exists(pem)) {
            return pem;
        }
        Path key = dir.resolve("localhost.key");
        Path cert = dir.resolve("localhost.crt");
        run(dir.resolve("openssl.log"), OPENSSL.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2");
        Files.writeString(pem, Files.readString(cert) + Files.readString(key));
        return pem;
    }

    /**
     * The load balancer's configuration as {@code docs/operations.md} shows it, with its public address made
     * 127.0.0.1:{@code port}, its certificate the one {@link #certificate} makes in {@code dir}, and its two
     * documented nodes 127.0.0.1 at {@code nodePorts} (a third and more are added alike).
     */
    public static String documentedConfig(Path docsDir, Path dir, int port, List<Integer> nodePorts)
            throws IOException, InterruptedException {
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("```haproxy\\n(.*?)```",
                java.util.regex.Pattern.DOTALL).matcher(Files.readString(docsDir.resolve("operations.md")));
        if (!block.find()) {
            throw new IllegalStateException("docs/operations.md shows no HAProxy configuration");
        }
        String documented = "    server edge-1 10.0.0.11:8080\n    server edge-2 10.0.0.12:8080\n";
        if (!block.group(1).contains(documented)) {
            throw new IllegalStateException("docs/operations.md's configuration no longer lists " + documented);
        }
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < nodePorts.size(); i++) {
            servers.append("    server edge-").append(i + 1).append(" 127.0.0.1:").append(nodePorts.get(i)).append('\n');
        }
        String config = block.group(1)
                .replace("bind :443 ssl crt /etc/haproxy/shop.example.com.pem",
                        "bind 127.0.0.1:" + port + " ssl crt " + certificate(dir))
                .replace(documented, servers.toString());
        if (config.contains("10.0.0.") || config.contains("/etc/haproxy")) {
            throw new IllegalStateException("not every address of the documented configuration was swapped: " + config);
        }
        return config;
    }

    /**
     * Starts HAProxy with {@code config} (whose TLS certificate is {@link #certificate} of {@code dir}) and waits until
     * it completes TLS handshakes on 127.0.0.1:{@code port}.
     */
    public static HaProxy start(Path dir, String config, int port, Duration deadline)
            throws IOException, InterruptedException {
        Path pem = certificate(dir);
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Path log = dir.resolve("haproxy.log");
        Process process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HaProxy proxy;
        try (InputStream in = Files.newInputStream(pem)) {
            proxy = new HaProxy(process, log, (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        } catch (GeneralSecurityException e) {
            process.destroy();
            throw new IOException("openssl made a certificate Java cannot read: " + pem, e);
        }
        try {
            proxy.awaitHandshake(port, deadline);
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /** TLS that trusts this proxy's certificate and no other. */
    public SSLContext trustingItsCertificate() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("localhost", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The base64 SHA-256 of the certificate's public key, as Chromium's {@code --ignore-certificate-errors-spki-list}
     * takes it: a browser given it accepts this certificate, and still refuses any other bad one.
     */
    public String publicKeyHash() {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitHandshake(int port, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("HAProxy exited with " + process.exitValue() + "; see " + log);
            }
            try (SSLSocket socket = (SSLSocket) trustingItsCertificate().getSocketFactory()
                    .createSocket(InetAddress.getByName("127.0.0.1"), port)) {
                socket.setSoTimeout(5_000);
                socket.startHandshake();
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("HAProxy did not accept TLS on 127.0.0.1:" + port + " within "
                            + deadline + "; see " + log, notYet);
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // polling, with a deadline
            }
        }
    }

    private static void run(Path log, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command[0] + " failed; see " + log);
        }
    }
}
