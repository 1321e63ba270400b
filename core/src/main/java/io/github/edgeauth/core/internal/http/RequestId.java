package io.github.edgeauth.core.internal.http;

import jakarta.servlet.http.HttpServletRequest;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id that ties one request's log lines and answers together: the caller's {@code X-Request-Id} when it
 * is sane, else the trace id of a W3C {@code traceparent}, else a new random UUID.
 */
public final class RequestId {
    /** The header that carries the id, in and out. */
    public static final String HEADER = "X-Request-Id";

    /** The request attribute holding this request's id, once the filter has read it. */
    public static final String ATTRIBUTE = RequestId.class.getName();

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    private RequestId() {
    }

    /** The id for {@code request}; never null. */
    public static String of(HttpServletRequest request) {
        return of(request.getHeader(HEADER), request.getHeader("traceparent"));
    }

    static String of(String requestId, String traceparent) {
        if (requestId != null && SANE.matcher(requestId).matches()) {
            return requestId;
        }
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches() && !m.group(1).equals("0".repeat(32))) {
                return m.group(1);
            }
        }
        return newId();
    }

    /**
     * A new random (version 4) UUID. An id must be unique, not unpredictable: it comes from the thread's own
     * generator, not {@code SecureRandom}, which serializes every request on one lock in some JDK providers.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
