package io.github.edgeauth.edge.internal.forwarding;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Breaks a client's connection off after its answer was committed, so that an answer cut off mid-body reaches the
 * client as broken. The Servlet API has no call for it. Jetty breaks the connection off when the servlet throws on
 * a committed response ({@link AnswerCutOff}; {@code EdgeForwardingTest}), as Tomcat's error valve does; Payara's
 * Grizzly does not: it ends the answer as whole (a final chunk, or a body short of its declared length on a
 * connection kept open). So on Payara the connection is closed through Payara's own public classes, reached by
 * reflection from the response the servlet was given ({@code BackendCutOffIT}); anywhere else, and if that fails,
 * the caller throws.
 */
final class ConnectionBreak {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");
    private static final String PAYARA_RESPONSE = "org.apache.catalina.connector.ResponseFacade";

    private ConnectionBreak() {
    }

    /** Whether it closed {@code response}'s connection (only on Payara); if not, the caller must throw. */
    static boolean breakOff(ServletResponse response) {
        ServletResponse inner = response;
        while (inner instanceof ServletResponseWrapper wrapper) {
            inner = wrapper.getResponse();
        }
        if (!inner.getClass().getName().equals(PAYARA_RESPONSE)) {
            return false;
        }
        try {
            Field facade = inner.getClass().getDeclaredField("response");
            facade.setAccessible(true);
            Object grizzlyResponse = call(facade.get(inner), "getCoyoteResponse");
            Object connection = call(call(grizzlyResponse, "getRequest"), "getConnection");
            call(connection, "closeSilently");
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "edgeauth could not close the connection through Payara's classes", e);
            return false;
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method found = target.getClass().getMethod(method);
        found.setAccessible(true);
        return found.invoke(target);
    }
}
