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

    /** A copy of {@link LeakSpecimen} in a class loader of its own, which only that copy holds. */
    private static Class<?> freshCopy() throws ClassNotFoundException {
        URL classes = LeakCheckTest.class.getProtectionDomain().getCodeSource().getLocation();
        return Class.forName(SPECIMEN, false, new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader()));
    }
}
