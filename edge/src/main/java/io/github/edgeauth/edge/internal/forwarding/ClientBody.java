package io.github.edgeauth.edge.internal.forwarding;

import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client's body as its backend request's entity, passed on as it is read. The backend never takes a broken upload
 * for a whole one: when reading from the client fails, or ends short of its declared length, the backend's
 * connection is dropped at once ({@link #abort}), before anything could end the body (a final chunk), and a
 * {@link ClientBodyBroken} says it was the client's doing. It tells how long a write to the backend has been blocked
 * ({@link #blockedFor}), so a backend that stops reading can be cut off. Sent once; not repeatable.
 */
final class ClientBody extends AbstractHttpEntity {
    private final InputStream in;
    private final long length;
    private final AtomicLong writingSince = new AtomicLong();
    private final AtomicBoolean abandoned = new AtomicBoolean();
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
            abort();
            throw new ClientBodyBroken(new EOFException("the client's body ended after " + sent + " of " + length
                    + " bytes"));
        }
        write(out, buffer, -1); // a flush: the last bytes must reach the backend within the timeout too
    }

    private int read(byte[] buffer) throws ClientBodyBroken {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            abort();
            throw new ClientBodyBroken(e);
        }
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

    /** How long, in nanoseconds, a write to the backend has been blocked: 0 when none is under way. */
    long blockedFor() {
        long since = writingSince.get();
        return since == 0 ? 0 : System.nanoTime() - since;
    }

    /** Drops the backend's connection at once, mid-body. */
    void abort() {
        abandoned.set(true);
        exchange.cancel();
    }

    /** Whether {@link #abort} dropped the backend's connection. */
    boolean abandoned() {
        return abandoned.get();
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
