package io.github.edgeauth.benchmarks.endpoint;

import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.security.auth.message.config.AuthConfigFactory;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import java.util.Map;

/**
 * The floor of container security: a Jakarta Authentication module that reads nothing and names the same
 * caller with the same groups for every request, exactly the callbacks edgeauth's module makes. What a WAR
 * with it costs over {@code plain} is the server's own authentication and authorization path, which any
 * module pays, before edgeauth does any work. Never a thing to deploy: it lets everyone in.
 */
public final class FixedCallerModule implements ServerAuthModule {
    private static final String[] GROUPS = {"user", "orders-reader"};
    private CallbackHandler container;

    @Override
    public void initialize(MessagePolicy request, MessagePolicy response, CallbackHandler handler,
                           @SuppressWarnings("rawtypes") Map options) {
        this.container = handler;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return new Class<?>[] {HttpServletRequest.class, HttpServletResponse.class};
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) {
        try {
            container.handle(new Callback[] {new CallerPrincipalCallback(client, "user-0"),
                    new GroupPrincipalCallback(client, GROUPS.clone())});
            return AuthStatus.SUCCESS;
        } catch (Exception e) {
            return AuthStatus.SEND_FAILURE;
        }
    }

    /** Called only at logout, which the benchmark never does. */
    @Override
    public void cleanSubject(MessageInfo message, Subject subject) {
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    /** Registers the module for its WAR at start, as edgeauth registers its own. */
    @WebListener
    public static final class Registration implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            AuthConfigFactory.getFactory().registerServerAuthModule(new FixedCallerModule(), event.getServletContext());
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            AuthConfigFactory.getFactory().removeServerAuthModule(event.getServletContext());
        }
    }
}
