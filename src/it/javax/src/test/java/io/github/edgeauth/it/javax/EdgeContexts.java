package io.github.edgeauth.it.javax;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Contexts as today's edge mints them: signed by the Jakarta EE build of edgeauth-core (the jar in
 * {@code core/target}, whose {@code ContextSigner} the edge uses), loaded apart from this test's own class path,
 * which holds the javax build under the same class names. So a javax backend is tested against what a Jakarta
 * EE edge sends: a mixed estate.
 */
final class EdgeContexts {
    private static ClassLoader jakartaCore;

    private EdgeContexts() {
    }

    /** A one-minute context for {@code subject} with {@code roles}, audience {@code edgeauth}, test-only key. */
    static String context(String subject, Set<String> roles) throws Exception {
        ClassLoader core = jakartaCore();
        Class<?> userContext = core.loadClass("io.github.edgeauth.core.UserContext");
        Object builder = userContext.getMethod("builder").invoke(null);
        Class<?> builderType = builder.getClass();
        builderType.getMethod("subject", String.class).invoke(builder, subject);
        builderType.getMethod("roles", Set.class).invoke(builder, roles);
        Object user = builderType.getMethod("build").invoke(builder);
        Class<?> signerType = core.loadClass("io.github.edgeauth.core.internal.token.ContextSigner");
        Object signer = signerType.getConstructor(JWK.class, JWSAlgorithm.class, String.class)
                .newInstance(signingKey(), JWSAlgorithm.RS256, "edgeauth-edge");
        Method mint = signerType.getMethod("mint", userContext, String.class, Duration.class);
        return (String) mint.invoke(signer, user, "edgeauth", Duration.ofSeconds(60));
    }

    private static JWK signingKey() throws IOException {
        Path pem = Path.of(System.getProperty("edgeauth.it.resources"), "test-only-signing-key.pem");
        return io.github.edgeauth.core.internal.keys.KeyFiles.pemFile(pem).stream()
                .filter(JWK::isPrivate).findFirst().orElseThrow();
    }

    /** edgeauth's own classes from the Jakarta EE jar; everything else (nimbus) from this test's class path. */
    private static synchronized ClassLoader jakartaCore() {
        if (jakartaCore == null) {
            jakartaCore = new URLClassLoader(new URL[] {url(BuiltJars.library("core", "edgeauth-core-"))},
                    EdgeContexts.class.getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    if (!name.startsWith("io.github.edgeauth.")) {
                        return super.loadClass(name, resolve);
                    }
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : findClass(name);
                    }
                }
            };
        }
        return jakartaCore;
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
