package io.github.edgeauth.core.internal.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@link HttpClient} that lets a web application be undeployed. A plain one keeps threads of its own
 * (a selector, and workers that idle for a minute) that take the context class loader of the thread that
 * made them, often a request thread of the application: such a thread keeps every class of the application
 * loaded after an undeploy. Here the selector thread carries no context class loader, the client refers to
 * no class of the application, and its workers are this object's. {@link #close()} stops them and lets go of
 * the client, whose selector thread then ends, even when the server keeps this object after the undeploy.
 * Thread-safe.
 */
public final class OwnedHttpClient implements AutoCloseable {
    private final ExecutorService executor;
    private volatile HttpClient client;

    private OwnedHttpClient(HttpClient client, ExecutorService executor) {
        this.client = client;
        this.executor = executor;
    }

    /**
     * Builds {@code builder} with workers of its own. The executor and its thread factory are the JDK's own
     * classes, so the client, which its selector thread holds, holds nothing of the application.
     */
    public static OwnedHttpClient build(HttpClient.Builder builder) {
        ExecutorService executor = Executors.newCachedThreadPool();
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(null); // the selector thread takes it from here
        try {
            return new OwnedHttpClient(builder.executor(executor).build(), executor);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /**
     * Sends as {@link HttpClient#send} does. Once closed it fails as an unreachable server does, with an
     * {@link IOException}, which callers already answer.
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpClient current = client;
        if (current == null) {
            throw new IOException("the HTTP client is closed: its application is stopping");
        }
        return current.send(request, handler);
    }

    /**
     * Stops the workers and lets go of the client. The JDK ends a client's selector thread once nothing
     * refers to the client; a server may keep the object that holds this one after an undeploy (Open Liberty
     * keeps an undeployed application's servlets until it needs the memory), so the reference goes here.
     */
    @Override
    public void close() {
        client = null;
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
