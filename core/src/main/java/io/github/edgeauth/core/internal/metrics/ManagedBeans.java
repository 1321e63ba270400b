package io.github.edgeauth.core.internal.metrics;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Registers edgeauth's beans in the platform MBean server under {@code io.github.edgeauth:type=...}, where
 * every server's JMX console and metrics agent find them; unregistered when their component stops.
 */
public final class ManagedBeans {
    private static final Logger LOG = Logger.getLogger(ManagedBeans.class.getName());

    private ManagedBeans() {
    }

    /** Registers {@code bean} (an MXBean) as {@code type} with {@code keys}, replacing a stale one; empty if JMX refuses. */
    public static Optional<ObjectName> register(String type, Map<String, String> keys, Object bean) {
        try {
            Hashtable<String, String> properties = new Hashtable<>();
            properties.put("type", type);
            keys.forEach((key, value) -> properties.put(key, ObjectName.quote(value)));
            ObjectName name = new ObjectName("io.github.edgeauth", properties);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(bean, name);
            return Optional.of(name);
        } catch (JMException | SecurityException e) {
            LOG.fine(() -> "edgeauth: no JMX bean " + type + " (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    /** Unregisters what {@link #register} registered; quiet when it is already gone. */
    public static void unregister(Optional<ObjectName> name) {
        name.ifPresent(registered -> {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
            } catch (JMException | SecurityException e) {
                LOG.fine(() -> "edgeauth: JMX bean " + registered + " already gone");
            }
        });
    }
}
