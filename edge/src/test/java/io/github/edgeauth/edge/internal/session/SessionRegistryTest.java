package io.github.edgeauth.edge.internal.session;

import io.github.edgeauth.core.UserContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which sessions belong to which provider session and subject: an expiring session is forgotten under its own
 * keys only, so expiry costs the same with ten users or ten thousand.
 */
class SessionRegistryTest {
    /** A session with attributes, counting how often anything asks it for one. */
    private static HttpSession session(String id, AtomicInteger reads) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpSession) Proxy.newProxyInstance(HttpSession.class.getClassLoader(), new Class<?>[] {HttpSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> {
                        reads.incrementAndGet();
                        yield attributes.get((String) args[0]);
                    }
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getId" -> id;
                    case "invalidate" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    @Test
    void anExpiringSessionIsForgottenUnderItsOwnKeysAndNoOtherSessionIsTouched() {
        SessionRegistry registry = new SessionRegistry();
        AtomicInteger othersRead = new AtomicInteger();
        for (int i = 0; i < 10_000; i++) {
            registry.remember(session("s" + i, othersRead), UserContext.builder().subject("user-" + i)
                    .sessionId("sid-" + i).build());
        }
        AtomicInteger ownReads = new AtomicInteger();
        HttpSession expiring = session("alice-1", ownReads);
        registry.remember(expiring, UserContext.builder().subject("alice").sessionId("sid-alice").build());
        othersRead.set(0);

        registry.sessionDestroyed(new HttpSessionEvent(expiring));

        assertEquals(0, othersRead.get(), "the expiry of one session read the others");
        assertEquals(0, registry.endSessions("sid-alice", "alice"), "the expired session is still known");
        assertEquals(1, registry.endSessions(null, "user-7"), "another user's session was forgotten");
    }
}
