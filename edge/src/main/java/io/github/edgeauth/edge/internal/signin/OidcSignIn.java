package io.github.edgeauth.edge.internal.signin;

import io.github.edgeauth.edge.internal.config.SignInConfiguration;
import io.github.edgeauth.edge.internal.web.EdgePaths;
import io.github.edgeauth.edge.internal.web.PublicOrigin;
import io.github.edgeauth.core.internal.keys.OidcDiscovery;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.pac4j.core.client.Clients;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.logout.handler.SessionLogoutHandler;
import org.pac4j.core.util.InitializableObject;
import org.pac4j.core.config.Config;
import org.pac4j.core.context.session.SessionStore;
import org.pac4j.core.profile.ProfileManager;
import org.pac4j.jee.context.JEEContext;
import org.pac4j.core.http.callback.NoParameterCallbackUrlResolver;
import org.pac4j.core.http.url.DefaultUrlResolver;
import org.pac4j.jee.context.JEEContextFactory;
import org.pac4j.jee.http.adapter.JEEHttpActionAdapter;
import org.pac4j.oidc.client.OidcClient;

import java.util.Optional;
import org.pac4j.oidc.config.OidcConfiguration;

/**
 * The pac4j setup for the login: an {@link OidcClient} for the provider found by discovery, authorization
 * code flow with PKCE (S256), state and nonce. pac4j's own token expiry and renewal are switched off:
 * The session package's {@code SessionRefresher} refreshes ahead of expiry, once per session. Discovery runs at the first login,
 * not at deployment, and is retried every two seconds while the provider is down.
 */
public final class OidcSignIn {
    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int READ_TIMEOUT_MILLIS = 5_000;
    static final long RETRY_INTERVAL_MILLIS = 2_000;

    private final OidcClient client;
    /** How many sign-ins pac4j's session records keep, as its default does. */
    private static final SessionLogoutHandler NO_SESSION_RECORDS = new SessionLogoutHandler() {
        @Override
        public void recordSession(CallContext call, String key) {
        }

        @Override
        public void destroySession(CallContext call, String key) {
        }

        @Override
        public void renewSession(CallContext call, String oldSessionId) {
        }

        @Override
        public Optional<String> cleanRecord(String sessionId) {
            return Optional.empty();
        }
    };
    private final Object initialization = new Object();
    private volatile boolean ready;
    private final Config config;
    private final PendingSignInCookie pendingCookie;
    private final PendingSignInStore store;

    public OidcSignIn(SignInConfiguration login, String contextPath, PublicOrigin publicOrigin, PendingSignInCookie pendingCookie) {
        OidcConfiguration oidc = new OidcConfiguration();
        oidc.setClientId(login.clientId());
        login.clientSecret().ifPresent(oidc::setSecret);
        oidc.setDiscoveryURI(OidcDiscovery.documentOf(login.issuer()).toString());
        oidc.setScope(login.scopes());
        oidc.setClientAuthenticationMethodAsString(login.clientAuth().value());
        login.clientKey().ifPresent(key -> oidc.setPrivateKeyJwtClientAuthnMethodConfig(clientAssertions(key)));
        oidc.setUseNonce(true);
        // ID tokens from a refresh grant carry no nonce (OIDC Core 12.2); do not demand one.
        oidc.setUseNonceOnRefresh(false);
        oidc.setWithState(true);
        oidc.setExpireSessionWithToken(true);
        oidc.setTokenExpirationAdvance(-1);
        oidc.setIncludeAccessTokenClaimsInProfile(true);
        oidc.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        oidc.setReadTimeout(READ_TIMEOUT_MILLIS);
        oidc.setMaxAttempts(Integer.MAX_VALUE);
        oidc.setMinTimeIntervalBetweenAttemptsInMilliseconds(RETRY_INTERVAL_MILLIS);
        if (login.clientKey().isPresent()) {
            oidc.setOpMetadataResolver(new ParTolerantMetadataResolver(oidc));
        }

        client = new OidcClient(oidc);
        // Absolute from the configured public origin, never from a request's Host (which a client chooses).
        String callback = publicOrigin.fixed().orElse("") + contextPath + EdgePaths.CALLBACK;
        client.setCallbackUrl(callback);
        // Exactly the registered redirect URI (providers match it to the letter): no ?client_name=OidcClient.
        // The callback finds the client as the default one instead (SignInCallback).
        client.setCallbackUrlResolver(new NoParameterCallbackUrlResolver());
        // In development mode without a public origin the callback URL is relative, and made absolute from the
        // request; otherwise it is absolute already and left as it is.
        boolean fromRequests = publicOrigin.fixed().isEmpty();
        client.setUrlResolver(new DefaultUrlResolver(fromRequests));
        client.setMaxAttempts(Integer.MAX_VALUE);
        client.setMinTimeIntervalBetweenAttemptsInMilliseconds(RETRY_INTERVAL_MILLIS);

        Clients clients = new Clients(callback, client);
        clients.setUrlResolver(new DefaultUrlResolver(fromRequests));
        config = new Config(clients);
        config.setWebContextFactory(JEEContextFactory.INSTANCE);
        this.pendingCookie = pendingCookie;
        this.store = new PendingSignInStore(client, pendingCookie, publicOrigin);
        config.setSessionStoreFactory(parameters -> store);
        config.setHttpActionAdapter(JEEHttpActionAdapter.INSTANCE);
        // pac4j's own logout handling keeps a record per sign-in of container sessions the edge does not have: the
        // edge ends its sessions itself (sign-out, back-channel logout), so nothing is recorded.
        config.setSessionLogoutHandler(NO_SESSION_RECORDS);
    }

    /** Signs {@code private_key_jwt} client assertions with {@code key} (RS256 for RSA, ES256 for EC P-256). */
    private static ClientAssertionKey clientAssertions(JWK key) {
        try {
            if (key instanceof RSAKey rsa) {
                return new ClientAssertionKey(JWSAlgorithm.RS256, rsa.toPrivateKey(), key);
            }
            ECKey ec = (ECKey) key;
            JWSAlgorithm alg = ECDSA.resolveAlgorithm(ec.getCurve());
            return new ClientAssertionKey(alg, ec.toPrivateKey(), key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the client key cannot sign client assertions", e);
        }
    }

    public OidcClient client() {
        return client;
    }

    /**
     * The client with its lazily made parts (discovery, authenticator, profile creator) initialized before it is
     * handed out. pac4j lets other callers straight through while one thread initializes such a part, and they
     * fail on the half-made object: the first sign-ins after a start got the 503 or the login-failed page. So
     * callers wait here for the one initializing them.
     */
    public OidcClient initializedClient() {
        if (!ready) {
            synchronized (initialization) {
                if (!ready) {
                    client.init();
                    initialize(client.getAuthenticator());
                    initialize(client.getProfileCreator());
                    ready = client.isInitialized() && initialized(client.getAuthenticator())
                            && initialized(client.getProfileCreator());
                }
            }
        }
        return client;
    }

    private static void initialize(Object part) {
        if (part instanceof InitializableObject lazy) {
            lazy.init();
        }
    }

    private static boolean initialized(Object part) {
        return !(part instanceof InitializableObject lazy) || lazy.isInitialized();
    }

    /**
     * pac4j's store: the HTTP session, created only once a sign-in completes; a sign-in in progress is in the
     * request and the browser's cookie.
     */
    public PendingSignInStore sessionStore() {
        return store;
    }

    /** The cookie that carries a sign-in in progress to the callback. */
    public PendingSignInCookie pendingCookie() {
        return pendingCookie;
    }

    /** The profiles pac4j keeps in {@code store}, under this login's configuration. */
    public ProfileManager profiles(JEEContext web, SessionStore store) {
        ProfileManager manager = new ProfileManager(web, store);
        manager.setConfig(config);
        return manager;
    }

    Config config() {
        return config;
    }
}
