package io.github.edgeauth.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Test support, one clock for every module's tests: time a test moves forward by hand, so "later" needs no
 * sleeping. It starts at a fixed instant, or follows the real time (for tests that also talk to servers
 * with real clocks), plus the offset the test adds.
 */
public final class MutableClock extends Clock {
    private final Instant fixedStart;
    private volatile Duration offset = Duration.ZERO;

    /** The real time, plus what the test advances. */
    public MutableClock() {
        this(null);
    }

    /** {@code start}, plus what the test advances. */
    public MutableClock(Instant start) {
        this.fixedStart = start;
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to no offset. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return (fixedStart == null ? Instant.now() : fixedStart).plus(offset);
    }
}
