package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One refresh of a session at a time, whichever node asks: the lease is taken once, and taken over only when stale. */
class RefreshLeaseTest {
    private final MutableClock clock = new MutableClock();
    private final SignOutStore store = SignOutRecords.at("local", clock).store();
    /** Two nodes sharing one store, as two edge nodes share the data grid. */
    private final RefreshLease first = new RefreshLease(store, clock);
    private final RefreshLease second = new RefreshLease(store, clock);

    @Test
    void aSecondNodeGetsNoLeaseWhileTheFirstRefreshesThenGetsOneAfterItsRelease() {
        assertTrue(first.take("session-1"));
        assertFalse(second.take("session-1"), "two refreshes of one session at once");
        assertFalse(first.take("session-1"), "two refreshes of one session at once, on one node");
        assertTrue(second.take("session-2"), "another session's refresh is not held up");
        first.release("session-1");
        assertTrue(second.take("session-1"));
    }

    @Test
    void aLeaseWhoseNodeDiedIsTakenOverOnlyOnceItIsStale() {
        assertTrue(first.take("session-1")); // and its node dies before it releases
        clock.advance(RefreshLease.HELD_AT_MOST.minus(Duration.ofSeconds(1)));
        assertFalse(second.take("session-1"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(second.take("session-1"), "a dead node's lease held the session's refresh forever");
        assertFalse(first.take("session-1"), "the stale lease was taken over twice");
    }
}
