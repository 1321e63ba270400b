package io.github.edgeauth.core.http;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@link HttpClient} that lets a web application be undeployed. A plain one keeps threads of its own
 * (a selector, and workers that idle for a minute) that take the context class loader of the thread that
 * made them, often a request thread of the application: such a thread keeps every class of the application
 * loaded after an undeploy. Here the selector thread carries no context class loader, the client refers to
 * no class of the application, and its workers are this object's: {@link #close()} stops them.
 *
 * @param client   the client to send with
 * @param executor the client's worker threads, stopped by {@link #close()}
 */
public record OwnedHttpClient(HttpClient client, ExecutorService executor) implements AutoCloseable {

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

    /** Stops the workers; the selector thread ends once the client is no longer referenced. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
