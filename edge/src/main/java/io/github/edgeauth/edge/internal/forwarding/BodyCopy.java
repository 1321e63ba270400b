package io.github.edgeauth.edge.internal.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a backend's body to the client as it arrives, unbuffered. A backend that stalls mid-body fails the copy's
 * read after the response timeout ({@link BackendClient}'s socket timeout), so it cannot hold a container thread
 * forever, and a stream that sends an event now and then must send one within the timeout. Only reads from the
 * backend are timed: time spent writing to a slow client does not count.
 */
final class BodyCopy {
    private BodyCopy() {
    }

    /**
     * Copies {@code in} to the stream {@code target} opens once the body's first bytes (or its end) have arrived,
     * flushing whenever nothing more has arrived (Server-Sent Events, a slow download) unless all of its
     * {@code length} bytes have (-1: not known), so a small answer goes out whole when it closes. A failure to
     * write to the client is a {@link ClientGone}; any other {@link IOException} is the backend's, and if it comes
     * before the first bytes, {@code target} was never opened.
     */
    static void copy(InputStream in, Target target, long length) throws IOException {
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
            try {
                out.write(buffer, 0, n);
                if (flush) {
                    out.flush();
                }
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** Where a copy goes: the client's stream, opened (the status and headers set) once the body has begun. */
    interface Target {
        OutputStream open() throws IOException;
    }

    /** The client's side of a copy failed: it hung up, or its connection broke. */
    static final class ClientGone extends IOException {
        private static final long serialVersionUID = 1L;

        ClientGone(IOException cause) {
            super(cause);
        }
    }
}
