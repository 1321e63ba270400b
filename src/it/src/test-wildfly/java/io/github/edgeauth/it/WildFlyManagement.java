package io.github.edgeauth.it;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;

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
}
