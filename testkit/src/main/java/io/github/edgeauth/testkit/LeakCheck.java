package io.github.edgeauth.testkit;

import shark.CloseableHeapGraph;
import shark.HeapAnalysis;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapGraph;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofIndex;
import shark.IgnoredReferenceMatcher;
import shark.LeakTrace;
import shark.MetadataExtractor;
import shark.ObjectInspectors;
import shark.OnAnalysisProgressListener;
import shark.ReferenceMatcher;
import shark.ReferencePattern;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A check that nothing holds an undeployed WAR, which first proves it can see a leak. While the WAR is deployed,
 * a heap dump of the server's JVM must hold what the check looks for (a class, or instances of one) and a strong
 * path to it: the positive control. Only a check that passed it can be run once the WAR is undeployed, on a
 * second dump. The dumps come from {@link ServerJvm#dump}; shark, LeakCanary's heap analyser, finds the shortest
 * strong path from a garbage collection root.
 */
public final class LeakCheck {
    private final long pid;
    private final Path dump;
    private final Target target;
    private final String className;
    private final Retention whileDeployed;

    private LeakCheck(long pid, Path dump, Target target, String className, Retention whileDeployed) {
        this.pid = pid;
        this.dump = dump;
        this.target = target;
        this.className = className;
        this.whileDeployed = whileDeployed;
    }

    /**
     * The positive control, taken while the WAR is deployed: a heap dump of process {@code pid} (written to
     * {@code dump}, then deleted) must hold a class named {@code className} and a strong path to a copy of it.
     * Without it the check after the undeploy passes whatever happened: the class was renamed, or the analyser
     * misses the path that holds it.
     */
    public static LeakCheck classSeenWhileDeployed(long pid, Path dump, String className, Collection<String> discountedThreads)
            throws IOException, InterruptedException {
        return seenWhileDeployed(pid, dump, Target.CLASS, className, discountedThreads);
    }

    /** As {@link #classSeenWhileDeployed}, for the instances of the class named {@code className} (a class loader's, say). */
    public static LeakCheck instanceSeenWhileDeployed(long pid, Path dump, String className, Collection<String> discountedThreads)
            throws IOException, InterruptedException {
        return seenWhileDeployed(pid, dump, Target.INSTANCE, className, discountedThreads);
    }

    private static LeakCheck seenWhileDeployed(long pid, Path dump, Target target, String className,
                                               Collection<String> discountedThreads) throws IOException, InterruptedException {
        Retention deployed = retention(pid, dump, target, className, discountedThreads);
        if (!deployed.seen()) {
            throw new AssertionError("the leak check cannot see " + deployed.what() + " while it is deployed:"
                    + " none in the heap (a renamed class?)");
        }
        if (deployed.heldStrongly() == 0) {
            throw new AssertionError("the leak check cannot see " + deployed.what() + " while it is deployed: "
                    + deployed.found() + " in the heap, no strong path to any (a blind analyser?)");
        }
        return new LeakCheck(pid, dump, target, className, deployed);
    }

    /**
     * The check itself, once the WAR is undeployed: in a new heap dump nothing holds what the control saw
     * strongly. What soft or weak references (or the local variables of the {@code discountedThreads}) keep is
     * counted, printed and allowed; a strong path fails the check. Run it before counting a server's threads: the
     * full collection before its dump is what lets a JDK HTTP client's selector thread notice its client is gone.
     */
    public Retention afterUndeploy(Collection<String> discountedThreads) throws IOException, InterruptedException {
        return afterUndeploy(discountedThreads, false);
    }

    /**
     * As {@link #afterUndeploy(Collection)}, leaving out too what every thread inherited from the thread that made
     * it (its context class loader and inheritable thread locals): for a server whose pool threads, made while an
     * application deploys, keep that application's until they retire, whichever application it is (Payara 5's
     * managed executor, 300 s idle). What edgeauth starts is then counted by thread name instead
     * ({@link ServerJvm#edgeauthThreadsLeft}); every other strong path still fails the check.
     */
    public Retention afterUndeployLeavingOutWhatThreadsInherit(Collection<String> discountedThreads)
            throws IOException, InterruptedException {
        return afterUndeploy(discountedThreads, true);
    }

    private Retention afterUndeploy(Collection<String> discountedThreads, boolean inheritedLeftOut)
            throws IOException, InterruptedException {
        Retention after = retention(pid, dump, target, className, discountedThreads, inheritedLeftOut);
        System.out.printf("edgeauth leak check: while deployed %s; after the undeploy %s%n", whileDeployed, after);
        if (after.heldStrongly() > 0) {
            throw new AssertionError("held strongly after the undeploy: " + after + "\n" + after.strongPath().orElseThrow());
        }
        return after;
    }

    /** What a leak check looks for in a heap dump. */
    public enum Target {
        /** The copies of a class, one per class loader that loaded it. */
        CLASS,
        /** The instances of a class (of any of its copies). */
        INSTANCE
    }

    /**
     * What a heap dump holds of a {@link Target}.
     *
     * @param what         the target and its class name
     * @param found        how many are in the heap, held strongly or not; none: not seen at all
     * @param heldStrongly how many a strong path reaches (shark leaves out a path that runs through another one)
     * @param strongPath   those strong paths, or empty when none is held strongly
     */
    public record Retention(String what, int found, int heldStrongly, Optional<String> strongPath) {
        public boolean seen() {
            return found > 0;
        }

        @Override
        public String toString() {
            return what + ": " + found + " in the heap, " + heldStrongly + " held strongly";
        }
    }

    /**
     * What process {@code pid} keeps of {@code target} named {@code className} after a full collection, read from
     * a heap dump written to {@code dump} and deleted afterwards. The strong paths leave out three kinds of
     * reference: soft and weak ones (the collector clears them when it needs the memory), the local variables of
     * the threads named {@code discountedThreads}, and the access control context a thread inherits from the code
     * that started it (which keeps that code's class loader only while the thread lives).
     */
    public static Retention retention(long pid, Path dump, Target target, String className, Collection<String> discountedThreads)
            throws IOException, InterruptedException {
        return retention(pid, dump, target, className, discountedThreads, false);
    }

    private static Retention retention(long pid, Path dump, Target target, String className,
                                       Collection<String> discountedThreads, boolean inheritedLeftOut)
            throws IOException, InterruptedException {
        ServerJvm.dump(pid, dump);
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(dump.toFile(), null,
                HprofIndex.Companion.defaultIndexedGcRootTags())) {
            Set<Long> found = find(graph, target, className);
            List<LeakTrace> paths = found.isEmpty() ? List.of()
                    : strongPaths(dump, graph, found, discountedThreads, inheritedLeftOut);
            return new Retention((target == Target.CLASS ? "copies of class " : "instances of ") + className,
                    found.size(), paths.size(), paths.isEmpty() ? Optional.empty()
                    : Optional.of(paths.stream().map(LeakTrace::toString).collect(Collectors.joining("\n"))));
        } finally {
            Files.delete(dump);
        }
    }

    /** The object ids in {@code graph} of every class named {@code className}, or of their instances. */
    private static Set<Long> find(HeapGraph graph, Target target, String className) {
        Set<Long> found = new HashSet<>();
        for (var classes = graph.getClasses().iterator(); classes.hasNext(); ) {
            HeapObject.HeapClass type = classes.next();
            if (!type.getName().equals(className)) {
                continue;
            }
            if (target == Target.CLASS) {
                found.add(type.getObjectId());
            } else {
                type.getDirectInstances().iterator().forEachRemaining(instance -> found.add(instance.getObjectId()));
            }
        }
        return found;
    }

    /** The shortest strong path to each of {@code targets}, as {@link #retention} says. */
    private static List<LeakTrace> strongPaths(Path dump, HeapGraph graph, Set<Long> targets,
                                               Collection<String> discountedThreads, boolean inheritedLeftOut) {
        List<ReferenceMatcher> leftOut = new ArrayList<>();
        leftOut.add(new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference", "referent")));
        leftOut.add(new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.Thread",
                "inheritedAccessControlContext")));
        if (inheritedLeftOut) {
            for (String field : List.of("contextClassLoader", "inheritableThreadLocals")) {
                leftOut.add(new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.Thread", field)));
            }
        }
        for (String thread : discountedThreads) {
            leftOut.add(new IgnoredReferenceMatcher(new ReferencePattern.JavaLocalPattern(thread)));
        }
        HeapAnalysis analysis = new HeapAnalyzer(OnAnalysisProgressListener.Companion.getNO_OP()).analyze(
                dump.toFile(), graph, heap -> targets, leftOut, false,
                ObjectInspectors.Companion.getJdkDefaults(), MetadataExtractor.Companion.getNO_OP());
        if (!(analysis instanceof HeapAnalysisSuccess success)) {
            throw new IllegalStateException("the heap dump could not be analysed: " + analysis);
        }
        List<LeakTrace> paths = new ArrayList<>();
        success.getAllLeaks().iterator().forEachRemaining(leak -> paths.addAll(leak.getLeakTraces()));
        return paths;
    }
}
