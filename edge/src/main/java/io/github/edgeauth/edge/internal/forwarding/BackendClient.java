package io.github.edgeauth.edge.internal.forwarding;

import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.config.CharCodingConfig;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The edge's HTTP client for its backends: Apache HttpClient's blocking client, so a forward runs on the request's
 * own thread from first byte to last, with no hand-over to other threads (the JDK's {@code HttpClient} handed each
 * forward to its selector and worker threads: about 100 µs more per call on loopback, issue 27). Pooled keep-alive
 * connections, a pooled one checked before re-use after a second idle; HTTP/1.1 only; header bytes as ISO-8859-1,
 * as servlet containers hand them over; the JVM's default TLS context (its trust and key stores). A backend that
 * sends nothing for the response timeout, before its headers or in its body, fails the read with an
 * {@link java.io.InterruptedIOException}; one that stops reading a client's body for as long is cut off the same way
 * (a watchdog thread, stopped by {@link #close()}). It follows no redirect, answers no authentication challenge,
 * keeps no cookie, adds no {@code Accept-Encoding} and decodes nothing; it re-sends only a {@code GET} or
 * {@code HEAD} that got no answer at all on a connection the backend had closed. A backend's answer sent while a
 * body is still going to it is read only once the body is sent (or the backend drops the connection: 502). When it
 * starts, it sets its library's loggers to INFO, whatever the server's logging configuration said: at DEBUG they
 * would print every header and byte the edge forwards, signed contexts and cookies among them (a level changed
 * later, through the server's tools, is the admin's to choose). Thread-safe.
 */
final class BackendClient implements AutoCloseable {
    /** Connections per backend: more than any server's request threads, so a request never waits for one. */
    private static final int CONNECTIONS_PER_BACKEND = 1024;

    /** Held while the edge runs, so that the level set on them stays. */
    private final List<Logger> quietened = List.of(Logger.getLogger("org.apache.hc"),
            Logger.getLogger("org.apache.hc.client5.http.headers"), Logger.getLogger("org.apache.hc.client5.http.wire"));
    private final CloseableHttpClient client;
    private final long timeoutNanos;
    private final ScheduledThreadPoolExecutor watchdog;

    BackendClient(Duration connectTimeout, Duration responseTimeout) {
        quietened.forEach(logger -> logger.setLevel(Level.INFO));
        this.timeoutNanos = responseTimeout.toNanos();
        Timeout response = Timeout.of(responseTimeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(response)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                // Response headers as large as servers send (a long CSP, many cookies).
                                .http1Config(Http1Config.custom().setMaxLineLength(64 * 1024).setMaxHeaderCount(256)
                                        .build())
                                .charCodingConfig(CharCodingConfig.custom().setCharset(StandardCharsets.ISO_8859_1)
                                        .build())
                                .build())
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(defaultTls()))
                        .setMaxConnPerRoute(CONNECTIONS_PER_BACKEND)
                        .setMaxConnTotal(CONNECTIONS_PER_BACKEND * 4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(response)
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setAuthenticationEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .build())
                .setRetryStrategy(new OnceWhenNoAnswerCame())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .disableConnectionState()
                .build();
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "edgeauth-forward-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.setRemoveOnCancelPolicy(true);
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }

    /**
     * Sends {@code request} (with its body, read from the client as it is sent) and returns the backend's answer
     * once its headers have arrived; its body is read as it comes. Close it with {@link #discard} unless its body
     * was read to the end.
     *
     * @throws ClientBody.ClientBodyBroken when reading the client's body failed: the backend's connection is dropped
     * @throws SocketTimeoutException      when the backend stopped reading the body for the response timeout
     */
    ClassicHttpResponse send(HttpUriRequestBase request) throws IOException {
        if (!(request.getEntity() instanceof ClientBody body)) {
            return client.executeOpen(null, request, null);
        }
        long period = Math.max(50, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4);
        ScheduledFuture<?> watch;
        try {
            watch = watchdog.scheduleWithFixedDelay(() -> {
                if (body.blockedFor() > timeoutNanos) {
                    body.abort();
                }
            }, period, period, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new IOException("the edge is stopping");
        }
        ClassicHttpResponse answer;
        try {
            answer = client.executeOpen(null, request, null);
        } catch (IOException e) {
            // Aborted, the HTTP client says only that the request was aborted: say why.
            if (body.clientBroken() != null) {
                throw body.clientBroken();
            }
            if (body.aborted()) {
                throw new SocketTimeoutException("the backend stopped taking the request body");
            }
            throw e;
        } finally {
            watch.cancel(false);
        }
        if (!body.finish()) {
            // The watchdog dropped the connection just as the answer came.
            discard(answer);
            throw new SocketTimeoutException("the backend stopped taking the request body");
        }
        return answer;
    }

    /** Ends {@code answer} at once, dropping its connection: never reads the rest of a body nobody wants. */
    static void discard(ClassicHttpResponse answer) {
        if (answer instanceof ModalCloseable modal) {
            modal.close(CloseMode.IMMEDIATE);
        } else {
            try {
                answer.close();
            } catch (IOException ignored) {
                // dropping the connection is all that is wanted
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }

    /**
     * One retry, at once, of a {@code GET} or {@code HEAD} that got no answer at all (a pooled connection the backend
     * had just closed); never another method, never on an answer's status, a timeout or a refused connection.
     */
    private static final class OnceWhenNoAnswerCame implements HttpRequestRetryStrategy {
        @Override
        public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
            String method = request.getMethod();
            return execCount <= 1 && exception instanceof NoHttpResponseException
                    && ("GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method));
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
    }
}
