package io.github.edgeauth.benchmarks.endtoend;

import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * A server JVM's platform MXBeans and edgeauth's beans, read through the JDK's attach API (a local JMX agent
 * the JVM starts on request; nothing listens on the network).
 */
final class ServerJmx implements AutoCloseable {
    /** The heap after a full collection, and the live threads. */
    record Reading(long heapAfterGcBytes, int threads) {
        long heapMib() {
            return heapAfterGcBytes / (1024 * 1024);
        }
    }

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private ServerJmx(JMXConnector connector) throws java.io.IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static ServerJmx attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            return new ServerJmx(JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent())));
        } finally {
            vm.detach();
        }
    }

    /** Collects garbage, then reads the heap in use and the threads. */
    Reading reading() throws java.io.IOException {
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        memory.gc();
        long heap = memory.getHeapMemoryUsage().getUsed();
        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                ThreadMXBean.class);
        return new Reading(heap, threads.getThreadCount());
    }

    /** {@code attribute} summed over edgeauth's beans of {@code type} (one per application). */
    long sum(String type, String attribute) throws Exception {
        long total = 0;
        for (ObjectName name : server.queryNames(new ObjectName("io.github.edgeauth:type=" + type + ",*"), null)) {
            total += ((Number) server.getAttribute(name, attribute)).longValue();
        }
        return total;
    }

    @Override
    public void close() throws java.io.IOException {
        connector.close();
    }
}
