package io.github.edgeauth.edge.internal.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * An {@link EdgeSession} as the store keeps it: Java serialization (pac4j's profiles are made for it) in Base64, read
 * back with the edge's own class loader, within bounds, and only the classes a session is made of, so whatever else
 * reaches the grid's cache never gets a class of the server's loaded and run. The grid itself is trusted: a member
 * that can write to it can write a session (docs/operations.md: the edge's nodes in a grid of their own).
 */
final class SessionBytes {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");
    /**
     * What a stored session may hold: the edge's session, pac4j's profile, nimbus's tokens and JSON, the JDK's own
     * types, and nothing else, within bounds; the JVM's own filter, when one is set, applies as well.
     */
    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "maxdepth=40;maxrefs=20000;maxbytes=1048576;maxarray=262144;" + EdgeSession.class.getName()
                    + ";java.base/*;org.pac4j.**;com.nimbusds.**;net.minidev.json.**;!*");

    private SessionBytes() {
    }

    static String of(EdgeSession session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(session);
        } catch (IOException e) {
            throw new UncheckedIOException("an edge session cannot be serialized", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** The session in {@code stored}; empty, with a log line, when it holds none this edge can read. */
    static Optional<EdgeSession> read(String stored) {
        try (ObjectInputStream in = new EdgeClasses(new ByteArrayInputStream(Base64.getDecoder().decode(stored)))) {
            ObjectInputFilter jvm = ObjectInputFilter.Config.getSerialFilter();
            in.setObjectInputFilter(jvm == null ? ALLOWED : info -> {
                ObjectInputFilter.Status status = jvm.checkInput(info);
                return status == ObjectInputFilter.Status.REJECTED ? status : ALLOWED.checkInput(info);
            });
            return in.readObject() instanceof EdgeSession session ? Optional.of(session) : Optional.empty();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // A session written by another version of the edge, say: that person signs in again.
            LOG.info(() -> "edgeauth edge: a stored session cannot be read, it counts as none error="
                    + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Resolves classes with the edge's class loader, whatever thread's context loader is set. */
    private static final class EdgeClasses extends ObjectInputStream {
        EdgeClasses(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, SessionBytes.class.getClassLoader());
            } catch (ClassNotFoundException notOurs) {
                return super.resolveClass(description);
            }
        }
    }
}
