package io.github.edgeauth.filter;

import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;

import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import java.util.Map;

/**
 * Hands the container {@link ContainerAuthentication} for one application, through the provider interfaces that
 * every version of the standard has (JASPIC 1.1 in Java EE 8 as much as Jakarta Authentication 3), where
 * {@code AuthConfigFactory.registerServerAuthModule} exists only since Jakarta Authentication 3. Each context the
 * container asks for keeps the callback handler it came with (WildFly makes one per request): the one module,
 * shared by every request, never holds a handler, so no request's caller can reach another request's handler.
 */
final class ModuleProvider implements AuthConfigProvider {
    private final ContainerAuthentication module;

    ModuleProvider(ContainerAuthentication module) {
        this.module = module;
    }

    @Override
    public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler) {
        return null; // a server module only
    }

    @Override
    public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler) {
        return new Config(layer, appContext, handler);
    }

    @Override
    public void refresh() {
        // nothing is read from outside: nothing to read again
    }

    /** The one configuration: every message of the application goes to the module. */
    private final class Config implements ServerAuthConfig {
        private final String layer;
        private final String appContext;
        private final CallbackHandler handler;

        Config(String layer, String appContext, CallbackHandler handler) {
            this.layer = layer;
            this.appContext = appContext;
            this.handler = handler;
        }

        @Override
        public ServerAuthContext getAuthContext(String authContextId, Subject serviceSubject,
                                                @SuppressWarnings("rawtypes") Map properties) {
            return new ServerAuthContext() {
                @Override
                public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) {
                    return module.validateRequest(message, client, handler);
                }

                @Override
                public AuthStatus secureResponse(MessageInfo message, Subject service) {
                    return module.secureResponse(message, service);
                }

                @Override
                public void cleanSubject(MessageInfo message, Subject subject) {
                    module.cleanSubject(message, subject);
                }
            };
        }

        @Override
        public String getMessageLayer() {
            return layer;
        }

        @Override
        public String getAppContext() {
            return appContext;
        }

        @Override
        public String getAuthContextID(MessageInfo message) {
            return appContext;
        }

        @Override
        public void refresh() {
            // as the provider
        }

        @Override
        public boolean isProtected() {
            return false;
        }
    }
}
