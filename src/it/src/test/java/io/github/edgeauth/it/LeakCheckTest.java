package io.github.edgeauth.it;

import io.github.edgeauth.testkit.LeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LeakCheck} on this JVM's own heap, with copies of {@link LeakSpecimen} loaded as a redeployed WAR's
 * classes are, each by a class loader of its own: a class that is not in the heap at all fails the positive
 * control, and is told apart from one that is there but not held strongly.
 */
class LeakCheckTest {
    private static final String SPECIMEN = "io.github.edgeauth.it.LeakSpecimen";
    private static final String HOLDER = "leak-check-test-holder";
    private static final String POOL = "leak-check-test-pool-";

    /** The "deployment" of the check that passes: a static field holds it, as a server holds a deployed WAR. */
    private static Class<?> deployed;

    @TempDir
    Path dir;

    private final long self = ProcessHandle.current().pid();

    @Test
    void aClassNotInTheHeapFailsTheControlAsNotSeen() {
        AssertionError blind = assertThrows(AssertionError.class, () -> LeakCheck.classSeenWhileDeployed(self,
                dir.resolve("heap.hprof"), "io.github.edgeauth.it.LeakSpecimenRenamed", List.of()));
        assertEquals("the leak check cannot see copies of class io.github.edgeauth.it.LeakSpecimenRenamed while it is"
                + " deployed: none in the heap (a renamed class?)", blind.getMessage());
    }

    @Test
    void aClassHeldOnlyByADiscountedThreadIsSeenButNotHeldStrongly() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> names = new ArrayList<>();
        Thread holder = new Thread(() -> {
            try {
                Class<?> held = freshCopy(); // a local variable of this thread, and nothing else, holds it
                holding.countDown();
                release.await();
                names.add(held.getName()); // still used after the wait, so still live in the heap dump
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, HOLDER);
        holder.start();
        holding.await();
        try {
            LeakCheck.Retention kept = LeakCheck.retention(self, dir.resolve("heap.hprof"), LeakCheck.Target.CLASS,
                    SPECIMEN, List.of(HOLDER));
            assertAll(() -> assertTrue(kept.seen(), kept.toString()),
                    () -> assertEquals(1, kept.found(), kept.toString()),
                    () -> assertEquals(0, kept.heldStrongly(), kept.strongPath().orElse("")),
                    () -> assertTrue(kept.strongPath().isEmpty(), kept.toString()));
            AssertionError blind = assertThrows(AssertionError.class, () -> LeakCheck.classSeenWhileDeployed(self,
                    dir.resolve("heap.hprof"), SPECIMEN, List.of(HOLDER)));
            assertEquals("the leak check cannot see copies of class " + SPECIMEN + " while it is deployed: 1 in the heap,"
                    + " no strong path to any (a blind analyser?)", blind.getMessage());
        } finally {
            release.countDown();
            holder.join();
        }
        assertEquals(List.of(SPECIMEN), names);
    }

    @Test
    void theCheckFailsWhileTheCopyIsHeldAndPassesOnceItIsLetGo() throws Exception {
        deployed = freshCopy();
        LeakCheck check = LeakCheck.classSeenWhileDeployed(self, dir.resolve("heap.hprof"), SPECIMEN, List.of());

        AssertionError held = assertThrows(AssertionError.class, () -> check.afterUndeploy(List.of()));
        assertTrue(held.getMessage().startsWith("held strongly after the undeploy: copies of class " + SPECIMEN
                + ": 1 in the heap, 1 held strongly\n"), held.getMessage());
        assertTrue(held.getMessage().contains("LeakCheckTest.deployed"), held.getMessage());

        deployed = null; // the "undeploy": nothing holds the copy or its class loader any more
        LeakCheck.Retention after = check.afterUndeploy(List.of());
        assertEquals(0, after.found(), "a copy unloaded with its class loader is gone from the heap: " + after);
    }

    /**
     * A pool thread that a server made while the WAR deployed keeps the WAR's class loader as its context class
     * loader: the plain check counts it; the one that leaves out what pool threads inherit does not when the thread
     * is one of them, does when it is not, and still counts every other strong path (here a static field).
     */
    @Test
    void whatAPoolThreadInheritedIsLeftOutOnlyForPoolThreads() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread pool = threadInheritingACopy(release);
        pool.start();
        try {
            deployed = Class.forName(SPECIMEN, false, pool.getContextClassLoader());
            LeakCheck check = LeakCheck.classSeenWhileDeployed(self, dir.resolve("heap.hprof"), SPECIMEN, List.of());
            AssertionError stillHeld = assertThrows(AssertionError.class,
                    () -> check.afterUndeployLeavingOutWhatPoolThreadsInherit(List.of(), List.of(POOL)));
            assertTrue(stillHeld.getMessage().contains("LeakCheckTest.deployed"), stillHeld.getMessage());

            deployed = null; // undeployed: only the pool thread's context class loader holds the copy now
            AssertionError inherited = assertThrows(AssertionError.class, () -> check.afterUndeploy(List.of()));
            assertTrue(inherited.getMessage().contains("contextClassLoader"), inherited.getMessage());
            AssertionError notAPoolThread = assertThrows(AssertionError.class,
                    () -> check.afterUndeployLeavingOutWhatPoolThreadsInherit(List.of(), List.of("another-pool-")));
            assertTrue(notAPoolThread.getMessage().contains("thread '" + POOL + "1' keeps an undeployed copy's class loader"),
                    notAPoolThread.getMessage());
            LeakCheck.Retention after = check.afterUndeployLeavingOutWhatPoolThreadsInherit(List.of(), List.of(POOL));
            assertEquals(1, after.found(), after.toString());
            assertEquals(0, after.heldStrongly(), after.strongPath().orElse(""));
        } finally {
            deployed = null;
            release.countDown();
            pool.join();
        }
    }

    /** A thread, not started, that waits for {@code release} with a fresh copy's class loader as its context's. */
    private static Thread threadInheritingACopy(CountDownLatch release) throws ClassNotFoundException {
        Thread pool = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, POOL + "1");
        pool.setContextClassLoader(freshCopy().getClassLoader());
        return pool;
    }

    /** A copy of {@link LeakSpecimen} in a class loader of its own, which only that copy holds. */
    private static Class<?> freshCopy() throws ClassNotFoundException {
        URL classes = LeakCheckTest.class.getProtectionDomain().getCodeSource().getLocation();
        return Class.forName(SPECIMEN, false, new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader()));
    }
}
