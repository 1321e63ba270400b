package io.github.edgeauth.edge.internal.forwarding;

import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client's body as its backend request's entity, passed on as it is read. The backend never takes a broken upload
 * for a whole one: when reading from the client fails, or ends short of its declared length, the backend's
 * connection is dropped at once ({@link #abort}), before anything could end the body (a final chunk), and
 * {@link #clientBroken} keeps the {@link ClientBodyBroken} that says it was the client's doing. It tells how long
 * the backend has taken what it was sent, from the first write until {@link #finish} ({@link #blockedFor}), so a
 * backend that stops reading can be cut off. An exchange ends once: finished, or aborted. Sent once; not repeatable.
 */
final class ClientBody extends AbstractHttpEntity {
    private final InputStream in;
    private final long length;
    private static final int SENDING = 0;
    private static final int FINISHED = 1;
    private static final int ABORTED = 2;

    private final AtomicLong writingSince = new AtomicLong();
    private final AtomicInteger state = new AtomicInteger(SENDING);
    private volatile ClientBodyBroken broken;
    private volatile Cancellable exchange = () -> false;

    /** @param length the client's declared length, or -1 for a chunked body */
    ClientBody(InputStream in, long length) {
        super((String) null, null, length < 0);
        this.in = in;
        this.length = length;
    }

    /** The exchange that sends this body: {@link #abort} cancels it, closing its connection. */
    void sentBy(Cancellable exchange) {
        this.exchange = exchange;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long sent = 0;
        for (int n = read(buffer); n >= 0; n = read(buffer)) {
            write(out, buffer, n);
            sent += n;
        }
        if (length >= 0 && sent != length) {
            throw brokenByClient(new EOFException("the client's body ended after " + sent + " of " + length
                    + " bytes"));
        }
        write(out, buffer, -1); // a flush: the last bytes must reach the backend within the timeout too
        // Still timed: the HTTP client writes a chunked body's last chunk after this, and then awaits the answer.
        writingSince.set(System.nanoTime());
    }

    private int read(byte[] buffer) throws ClientBodyBroken {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw brokenByClient(e);
        }
    }

    private ClientBodyBroken brokenByClient(IOException cause) {
        ClientBodyBroken e = new ClientBodyBroken(cause);
        broken = e;
        abort();
        return e;
    }

    private void write(OutputStream out, byte[] buffer, int n) throws IOException {
        writingSince.set(System.nanoTime());
        try {
            if (n < 0) {
                out.flush();
            } else {
                out.write(buffer, 0, n);
            }
        } finally {
            writingSince.set(0);
        }
    }

    /**
     * How long, in nanoseconds, the backend has been taking what it was sent: a write blocked, or the body's end
     * not yet answered; 0 while the client's bytes are awaited, and once the exchange has ended.
     */
    long blockedFor() {
        long since = writingSince.get();
        return since == 0 || state.get() != SENDING ? 0 : System.nanoTime() - since;
    }

    /** Drops the backend's connection at once, mid-exchange, unless the exchange has ended already. */
    void abort() {
        if (state.compareAndSet(SENDING, ABORTED)) {
            exchange.cancel();
        }
    }

    /** Ends the exchange as answered; false if it was aborted first, and its connection is gone. */
    boolean finish() {
        return state.compareAndSet(SENDING, FINISHED);
    }

    /** Whether the exchange was aborted: by the client's body breaking off ({@link #clientBroken}), or a stall. */
    boolean aborted() {
        return state.get() == ABORTED;
    }

    /** The client's failure that aborted the exchange, or null. */
    ClientBodyBroken clientBroken() {
        return broken;
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("a client's body is only streamed to its backend");
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public void close() {
        // the client's stream belongs to the container
    }

    /** Reading the client's body failed, or it ended short: the client's doing, not the backend's. */
    static final class ClientBodyBroken extends IOException {
        private static final long serialVersionUID = 1L;

        ClientBodyBroken(IOException cause) {
            super(cause);
        }
    }
}
