package io.github.edgeauth.edge.internal.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a backend's body to the client as it arrives, unbuffered, and closes it when no byte arrived for the
 * response timeout: the HTTP client's timeout covers only the headers, and a backend that stalls mid-body must not
 * hold a container thread forever. So a stream that sends an event now and then must send one within the timeout.
 * One daemon thread watches every copy; a finished copy's watch leaves its queue at once, so busy routes do not
 * pile up cancelled watches. {@link #close()} stops it with the edge.
 */
final class StallWatch implements AutoCloseable {
    private final Duration timeout;
    private final ScheduledThreadPoolExecutor watchdog;

    StallWatch(Duration timeout) {
        this.timeout = timeout;
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "edgeauth-forward-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.setRemoveOnCancelPolicy(true);
    }

    /**
     * Copies {@code in} to {@code out}, flushing whenever nothing more has arrived (Server-Sent Events, a slow
     * download) unless all of its {@code length} bytes have (-1: not known), so a small answer goes out whole when
     * {@code out} closes; sets {@code stalled} when it closed {@code in} for want of progress. A failure to write
     * to {@code out} is a {@link ClientGone}; any other {@link IOException} is the backend's side.
     */
    void copy(InputStream in, OutputStream out, long length, AtomicBoolean stalled) throws IOException {
        long idleNanos = timeout.toNanos();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        long period = Math.max(50, timeout.toMillis() / 4);
        ScheduledFuture<?> watch = watchdog.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastProgress.get() > idleNanos) {
                stalled.set(true);
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is all that is wanted
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        try {
            byte[] buffer = new byte[16 * 1024];
            long copied = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                try {
                    out.write(buffer, 0, n);
                    copied += n;
                    if ((length < 0 || copied < length) && in.available() == 0) {
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new ClientGone(e);
                }
                lastProgress.set(System.nanoTime());
            }
        } finally {
            watch.cancel(false);
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /** The client's side of a copy failed: it hung up, or its connection broke. */
    static final class ClientGone extends IOException {
        private static final long serialVersionUID = 1L;

        ClientGone(IOException cause) {
            super(cause);
        }
    }
}
