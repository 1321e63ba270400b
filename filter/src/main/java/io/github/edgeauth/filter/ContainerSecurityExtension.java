package io.github.edgeauth.filter;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

import java.util.Optional;

/**
 * Notes whether the application brings its own Jakarta Security {@code HttpAuthenticationMechanism} among its
 * own classes (not the server's built-in ones): then edgeauth registers no container authentication of its
 * own, since the two would compete. The registration itself happens when the application starts.
 */
public class ContainerSecurityExtension implements Extension {
    private static final String MECHANISM = "jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism";

    private volatile String applicationMechanism;

    /** Notes a mechanism the application brings: its own classes, not the server's built-in ones. */
    void noticeMechanisms(@Observes ProcessAnnotatedType<?> event) {
        Class<?> type = event.getAnnotatedType().getJavaClass();
        if (type.getClassLoader() == ContainerSecurityExtension.class.getClassLoader() && implementsMechanism(type)) {
            applicationMechanism = type.getName();
        }
    }

    /** The application's own mechanism, if it has one. */
    Optional<String> applicationMechanism() {
        return Optional.ofNullable(applicationMechanism);
    }

    private static boolean implementsMechanism(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().equals(MECHANISM)) {
                    return true;
                }
            }
        }
        return false;
    }
}
