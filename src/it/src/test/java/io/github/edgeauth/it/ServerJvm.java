package io.github.edgeauth.it;

import shark.CloseableHeapGraph;
import shark.HeapAnalysis;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofIndex;
import shark.IgnoredReferenceMatcher;
import shark.MetadataExtractor;
import shark.ObjectInspectors;
import shark.OnAnalysisProgressListener;
import shark.ReferenceMatcher;
import shark.ReferencePattern;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What still holds a class in a server's JVM: a heap dump of it (the JDK's {@code jcmd}), searched with shark,
 * LeakCanary's heap analyser, for the shortest strong path from a garbage collection root.
 */
final class HeapPaths {
    private HeapPaths() {
    }

    /** Dumps the live objects of process {@code pid} into {@code file}, after a full collection. */
    static void dump(long pid, Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_dump", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !Files.exists(file)) {
            throw new IllegalStateException("jcmd could not dump the heap of " + pid + ": " + output);
        }
    }

    /**
     * The shortest strong path in {@code dump} from a root to the class named {@code className}, or empty when
     * there is none (or the class is unloaded). Two kinds of reference are left out: the local variables of
     * the threads named {@code discountedThreads}, and the access control context a thread inherits from the
     * code that started it (which keeps that code's class loader only while the thread lives).
     */
    static Optional<String> pathTo(Path dump, String className, Collection<String> discountedThreads) throws IOException {
        List<ReferenceMatcher> leftOut = new ArrayList<>();
        leftOut.add(new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference", "referent")));
        leftOut.add(new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.Thread",
                "inheritedAccessControlContext")));
        for (String thread : discountedThreads) {
            leftOut.add(new IgnoredReferenceMatcher(new ReferencePattern.JavaLocalPattern(thread)));
        }
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(dump.toFile(), null,
                HprofIndex.Companion.defaultIndexedGcRootTags())) {
            HeapObject.HeapClass held = graph.findClassByName(className);
            if (held == null) {
                return Optional.empty();
            }
            long id = held.getObjectId();
            HeapAnalysis analysis = new HeapAnalyzer(OnAnalysisProgressListener.Companion.getNO_OP()).analyze(
                    dump.toFile(), graph, heap -> Set.of(id), leftOut, false,
                    ObjectInspectors.Companion.getJdkDefaults(), MetadataExtractor.Companion.getNO_OP());
            if (!(analysis instanceof HeapAnalysisSuccess success)) {
                throw new IllegalStateException("the heap dump could not be analysed: " + analysis);
            }
            return success.getApplicationLeaks().isEmpty() && success.getLibraryLeaks().isEmpty()
                    ? Optional.empty() : Optional.of(success.toString());
        }
    }
}
