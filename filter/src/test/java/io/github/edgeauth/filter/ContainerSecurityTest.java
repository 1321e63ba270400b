package io.github.edgeauth.filter;

import com.nimbusds.jose.jwk.JWKSet;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.testing.TestKeys;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.RegistrationListener;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Registering the module: for this application only, removed again on stop, and never over a module the
 * application registered itself (it keeps its own authentication); through the provider API that JASPIC 1.1
 * has too, never Jakarta Authentication 3's {@code registerServerAuthModule}.
 */
class ContainerSecurityTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreFactory() {
        AuthConfigFactory.setFactory(null);
    }

    @Test
    void registersItsModuleForTheApplicationAndRemovesItOnStop() throws Exception {
        RecordingFactory factory = new RecordingFactory();
        AuthConfigFactory.setFactory(factory);
        ServletContext app = application("/orders");

        assertTrue(ContainerSecurity.register(app, config()));
        AuthConfigProvider provider = factory.providers.get("HttpServlet server /orders");
        assertInstanceOf(ModuleProvider.class, provider);
        ServerAuthConfig serverConfig = provider.getServerAuthConfig("HttpServlet", "server /orders", callbacks -> { });
        assertEquals("server /orders", serverConfig.getAppContext());
        assertEquals("HttpServlet", serverConfig.getMessageLayer());
        assertInstanceOf(ServerAuthContext.class, serverConfig.getAuthContext("server /orders", null, Map.of()));

        ContainerSecurity.unregister(app);
        assertEquals(Map.of(), factory.providers);
    }

    @Test
    void leavesAModuleTheApplicationRegisteredAlone() throws Exception {
        RecordingFactory factory = new RecordingFactory();
        factory.registrations.put("theirs", "server /orders");
        AuthConfigFactory.setFactory(factory);

        assertFalse(ContainerSecurity.register(application("/orders"), config()));
        assertEquals(Map.of(), factory.providers);
        // Another application's module is no reason to stand aside.
        assertTrue(ContainerSecurity.register(application("/inventory"), config()));
    }

    private FilterConfiguration config() throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(TestKeys.rsa().toPublicJWK()).toString());
        return FilterConfiguration.read(Settings.of(Map.of("edgeauth.context.jwks-file", jwks.toString()), Map.of()));
    }

    private static ServletContext application(String path) {
        Map<Object, Object> attributes = new HashMap<>();
        return (ServletContext) Proxy.newProxyInstance(ContainerSecurityTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getVirtualServerName" -> "server";
                    case "getContextPath" -> path;
                    case "getAttribute" -> attributes.get(args[0]);
                    case "setAttribute" -> attributes.put(args[0], args[1]);
                    case "removeAttribute" -> attributes.remove(args[0]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** A container's factory, reduced to what registration touches. */
    private static final class RecordingFactory extends AuthConfigFactory {
        /** By layer and application context, as the provider API registers them. */
        final Map<String, AuthConfigProvider> providers = new HashMap<>();
        final Map<String, String> registrations = new HashMap<>();

        @Override
        public String registerServerAuthModule(ServerAuthModule module, Object context) {
            throw new UnsupportedOperationException("not in JASPIC 1.1 (Java EE 8)");
        }

        @Override
        public void removeServerAuthModule(Object context) {
            throw new UnsupportedOperationException("not in JASPIC 1.1 (Java EE 8)");
        }

        @Override
        public String[] getRegistrationIDs(AuthConfigProvider provider) {
            return registrations.keySet().toArray(String[]::new);
        }

        @Override
        public RegistrationContext getRegistrationContext(String id) {
            String appContext = registrations.get(id);
            return appContext == null ? null : new RegistrationContext() {
                @Override
                public String getMessageLayer() {
                    return "HttpServlet";
                }

                @Override
                public String getAppContext() {
                    return appContext;
                }

                @Override
                public String getDescription() {
                    return id;
                }

                @Override
                public boolean isPersistent() {
                    return false;
                }
            };
        }

        @Override
        public AuthConfigProvider getConfigProvider(String layer, String appContext, RegistrationListener listener) {
            return null;
        }

        @Override
        public String registerConfigProvider(String className, Map<String, String> properties, String layer,
                                             String appContext, String description) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String registerConfigProvider(AuthConfigProvider provider, String layer, String appContext,
                                             String description) {
            providers.put(layer + " " + appContext, provider);
            return layer + " " + appContext;
        }

        @Override
        public boolean removeRegistration(String id) {
            return providers.remove(id) != null | registrations.remove(id) != null;
        }

        @Override
        public String[] detachListener(RegistrationListener listener, String layer, String appContext) {
            return new String[0];
        }

        @Override
        public void refresh() {
        }
    }
}
