package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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
        long taken = first.take("session-1").orElseThrow();
        assertTrue(second.take("session-1").isEmpty(), "two refreshes of one session at once");
        assertTrue(first.take("session-1").isEmpty(), "two refreshes of one session at once, on one node");
        assertTrue(second.take("session-2").isPresent(), "another session's refresh is not held up");
        first.release("session-1", taken);
        assertTrue(second.take("session-1").isPresent());
    }

    @Test
    void aLeaseWhoseNodeDiedIsTakenOverOnlyOnceItIsStaleAndItsHolderCannotReleaseItsSuccessors() {
        long slow = first.take("session-1").orElseThrow(); // its refresh hangs, or its node dies
        clock.advance(RefreshLease.HELD_AT_MOST.minus(Duration.ofSeconds(1)));
        assertTrue(second.take("session-1").isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(second.take("session-1").isPresent(), "a dead node's lease held the session's refresh forever");
        assertTrue(first.take("session-1").isEmpty(), "the stale lease was taken over twice");

        first.release("session-1", slow); // the slow holder finishes at last
        assertTrue(new RefreshLease(store, clock).take("session-1").isEmpty(),
                "the slow holder released its successor's lease: a third node may redeem the same refresh token");
    }
}
