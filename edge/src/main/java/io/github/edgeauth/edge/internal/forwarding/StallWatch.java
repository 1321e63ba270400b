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
     * Copies {@code in} to the stream {@code target} opens once the body's first bytes (or its end) have arrived,
     * flushing whenever nothing more has arrived (Server-Sent Events, a slow download) unless all of its
     * {@code length} bytes have (-1: not known), so a small answer goes out whole when it closes; sets
     * {@code stalled} when it closed {@code in} because the backend sent nothing for the timeout (time spent
     * writing to a slow client does not count). A failure to write to the client is a {@link ClientGone}; any other
     * {@link IOException} is the backend's, and if it comes before the first bytes, {@code target} was never opened.
     */
    void copy(InputStream in, Target target, long length, AtomicBoolean stalled) throws IOException {
        long idleNanos = timeout.toNanos();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicBoolean writing = new AtomicBoolean();
        long period = Math.max(50, timeout.toMillis() / 4);
        ScheduledFuture<?> watch = watchdog.scheduleWithFixedDelay(() -> {
            if (!writing.get() && System.nanoTime() - lastProgress.get() > idleNanos) {
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
            OutputStream out = null;
            for (int n = in.read(buffer); ; n = in.read(buffer)) {
                if (out == null) {
                    out = target.open();
                }
                if (n < 0) {
                    break;
                }
                copied += n;
                boolean flush = (length < 0 || copied < length) && in.available() == 0;
                writing.set(true);
                try {
                    out.write(buffer, 0, n);
                    if (flush) {
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new ClientGone(e);
                } finally {
                    writing.set(false);
                    lastProgress.set(System.nanoTime());
                }
            }
            try {
                out.close();
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        } finally {
            watch.cancel(false);
        }
    }

    /** Where a copy goes: the client's stream, opened (the status and headers set) once the body has begun. */
    interface Target {
        OutputStream open() throws IOException;
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
