package io.github.edgeauth.testkit;

import shark.CloseableHeapGraph;
import shark.HeapAnalysis;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapField;
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
        return afterUndeploy(discountedThreads, null);
    }

    /**
     * As {@link #afterUndeploy(Collection)}, leaving out what the server's pool threads (named with a prefix in
     * {@code poolThreads}) inherited from the thread that made them (a context class loader, inheritable
     * thread locals): for a server whose pool threads, made while an application deploys, keep that application's
     * until they retire, whichever application it is (Payara 5's managed executor, 300 s idle). Shark can leave a
     * field out only for every thread, so any other thread whose context class loader is an undeployed copy's is
     * counted as holding it strongly; inheritable thread locals are left out for every thread, and edgeauth's own
     * threads are counted by name ({@link ServerJvm#edgeauthThreadsLeft}). Every other strong path still fails.
     */
    public Retention afterUndeployLeavingOutWhatPoolThreadsInherit(Collection<String> discountedThreads,
                                                                   Collection<String> poolThreads)
            throws IOException, InterruptedException {
        if (target != Target.CLASS) {
            throw new IllegalArgumentException("only copies of a class have the class loader a thread can inherit");
        }
        return afterUndeploy(discountedThreads, poolThreads);
    }

    private Retention afterUndeploy(Collection<String> discountedThreads, Collection<String> poolThreads)
            throws IOException, InterruptedException {
        Retention after = retention(pid, dump, target, className, discountedThreads, poolThreads);
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
        return retention(pid, dump, target, className, discountedThreads, null);
    }

    private static Retention retention(long pid, Path dump, Target target, String className,
                                       Collection<String> discountedThreads, Collection<String> poolThreads)
            throws IOException, InterruptedException {
        ServerJvm.dump(pid, dump);
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(dump.toFile(), null,
                HprofIndex.Companion.defaultIndexedGcRootTags())) {
            Set<Long> found = find(graph, target, className);
            List<String> paths = new ArrayList<>();
            if (!found.isEmpty()) {
                strongPaths(dump, graph, found, discountedThreads, poolThreads != null)
                        .forEach(path -> paths.add(path.toString()));
                if (poolThreads != null) {
                    paths.addAll(otherThreadsInheriting(graph, found, poolThreads));
                }
            }
            return new Retention((target == Target.CLASS ? "copies of class " : "instances of ") + className,
                    found.size(), paths.size(), paths.isEmpty() ? Optional.empty()
                    : Optional.of(String.join("\n", paths)));
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

    /**
     * The threads not named with a prefix in {@code poolThreads} whose context class loader loaded one of the classes
     * {@code copies}: what leaving out every thread's context class loader would hide.
     */
    private static List<String> otherThreadsInheriting(HeapGraph graph, Set<Long> copies, Collection<String> poolThreads) {
        Set<Long> loaders = new HashSet<>();
        copies.forEach(id -> loaders.add(((HeapObject.HeapClass) graph.findObjectById(id)).readRecord().getClassLoaderId()));
        List<String> holders = new ArrayList<>();
        HeapObject.HeapClass threadClass = graph.findClassByName("java.lang.Thread");
        for (var threads = threadClass.getInstances().iterator(); threads.hasNext(); ) {
            HeapObject.HeapInstance thread = threads.next();
            HeapField loader = thread.get("java.lang.Thread", "contextClassLoader");
            HeapField name = thread.get("java.lang.Thread", "name");
            String threadName = name == null ? null : name.getValue().readAsJavaString();
            Long loaderId = loader == null ? null : loader.getValue().getAsObjectId();
            if (loaderId != null && loaders.contains(loaderId)
                    && (threadName == null || poolThreads.stream().noneMatch(threadName::startsWith))) {
                holders.add("thread '" + threadName + "' keeps an undeployed copy's class loader as its context class loader");
            }
        }
        return holders;
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
