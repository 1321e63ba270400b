package io.github.edgeauth.edge.internal.forwarding;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Logger;

/**
 * Breaks a client's connection (on WildFly's HTTP/2, its stream) off after part of an answer went out, so that an
 * answer cut off mid-body reaches the client as broken: no final chunk, fewer bytes than its declared length, then
 * the end of the connection. The Servlet API has no call for it. Jetty breaks the connection off when the servlet throws on a
 * committed response ({@link AnswerCutOff}; {@code EdgeForwardingTest}). Payara's Grizzly and WildFly's Undertow do
 * not: they end the answer as whole (a final chunk, or a body short of its declared length on a connection kept
 * open). So there the connection is closed through the server's own public classes, reached by reflection from the
 * response the servlet was given ({@code BackendCutOffIT}, {@code EdgeOnWildFlyIT}); anywhere else, on Payara's
 * HTTP/2 (where the connection carries the client's other streams) and if that fails, the caller throws. Open Liberty
 * is not covered: given the exception, it appends its error text to what was sent and ends that as whole.
 */
final class ConnectionBreak {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");
    private static final String PAYARA_RESPONSE = "org.apache.catalina.connector.ResponseFacade";
    private static final String UNDERTOW_RESPONSE = "io.undertow.servlet.spec.HttpServletResponseImpl";

    private ConnectionBreak() {
    }

    /** Whether it broke {@code response} off (Payara on HTTP/1.x, WildFly); if not, the caller must throw. */
    static boolean breakOff(ServletRequest request, ServletResponse response) {
        ServletResponse inner = response;
        while (inner instanceof ServletResponseWrapper wrapper) {
            inner = wrapper.getResponse();
        }
        String server = inner.getClass().getName();
        try {
            if (server.equals(PAYARA_RESPONSE) && request.getProtocol().startsWith("HTTP/1.")) {
                Field facade = inner.getClass().getDeclaredField("response");
                facade.setAccessible(true);
                Object grizzlyResponse = call(facade.get(inner), "getCoyoteResponse");
                call(call(call(grizzlyResponse, "getRequest"), "getConnection"), "closeSilently");
                return true;
            }
            if (server.equals(UNDERTOW_RESPONSE)) {
                // On HTTP/2 Undertow's "connection" is the stream: closing it resets that stream alone.
                call(call(call(inner, "getExchange"), "getConnection"), "close");
                return true;
            }
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // The server changed its classes: the container is asked instead, and may end the answer as whole.
            LOG.warning(() -> "edgeauth could not break a cut-off answer's connection off through the server's classes"
                    + " error=" + e.getClass().getSimpleName());
            return false;
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method found = target.getClass().getMethod(method);
        found.setAccessible(true);
        return found.invoke(target);
    }
}
