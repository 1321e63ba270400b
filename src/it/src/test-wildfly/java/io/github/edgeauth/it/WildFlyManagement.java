package io.github.edgeauth.it;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the WildFly tests ask of the server's management API, through the client Arquillian connected. */
final class WildFlyManagement {
    private WildFlyManagement() {
    }

    /** Sets a server system property, as an admin would with {@code /system-property=name:add(value=...)}. */
    static void systemProperty(ManagementClient management, String name, String value) throws IOException {
        ModelNode remove = new ModelNode();
        remove.get("operation").set("remove");
        remove.get("address").add("system-property", name);
        management.getControllerClient().execute(remove); // fails harmlessly when it is not set yet
        ModelNode add = new ModelNode();
        add.get("operation").set("add");
        add.get("address").add("system-property", name);
        add.get("value").set(value);
        execute(management, add);
    }

    /** Runs {@code op}, which must succeed, and returns its result. */
    static ModelNode execute(ManagementClient management, ModelNode op) throws IOException {
        ModelNode outcome = management.getControllerClient().execute(op);
        assertEquals("success", outcome.get("outcome").asString(), outcome.toString());
        return outcome.get("result");
    }

    /** The process id of the server's JVM. */
    static long pid(ManagementClient management) throws IOException {
        ModelNode name = platform("read-attribute", "runtime");
        name.get("name").set("name");
        String pidAtHost = execute(management, name).asString();
        return Long.parseLong(pidAtHost.substring(0, pidAtHost.indexOf('@')));
    }

    /** The server's live threads whose names start with one of {@code prefixes}. */
    static List<String> liveThreads(ManagementClient management, String... prefixes) throws IOException {
        ModelNode dump = platform("dump-all-threads", "threading");
        dump.get("locked-monitors").set(false);
        dump.get("locked-synchronizers").set(false);
        List<String> names = new ArrayList<>();
        for (ModelNode info : execute(management, dump).asList()) {
            String name = info.get("thread-name").asString();
            if (Arrays.stream(prefixes).anyMatch(name::startsWith)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Loaded classes and live threads of the server, right after three garbage collections. */
    static int[] counts(ManagementClient management) throws IOException {
        for (int i = 0; i < 3; i++) {
            execute(management, platform("gc", "memory"));
        }
        ModelNode classes = platform("read-attribute", "class-loading");
        classes.get("name").set("loaded-class-count");
        ModelNode threads = platform("read-attribute", "threading");
        threads.get("name").set("thread-count");
        return new int[] {execute(management, classes).asInt(), execute(management, threads).asInt()};
    }

    /**
     * Loaded classes and live threads of the server once they settle (two readings alike, or 30 s): a thread
     * the JDK's HTTP client ends when its client is collected takes a few seconds to notice, and only then
     * can the classes go.
     */
    static int[] settled(ManagementClient management) throws Exception {
        int[] last = {-1, -1};
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            int[] now = counts(management);
            if (Arrays.equals(now, last) || System.nanoTime() > deadline) {
                return now;
            }
            last = now;
            Thread.sleep(4000); // between two readings, not waiting for a server: the settle check is the point
        }
    }

    private static ModelNode platform(String name, String type) {
        ModelNode op = new ModelNode();
        op.get("operation").set(name);
        op.get("address").add("core-service", "platform-mbean").add("type", type);
        return op;
    }
}
