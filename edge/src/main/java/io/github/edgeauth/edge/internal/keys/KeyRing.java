package io.github.edgeauth.edge.internal.keys;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.token.ContextSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The keys the edge signs with and publishes, as its key files hold them now: every
 * {@code edgeauth.edge.key-check-interval} the files are read again, so a rotation needs no restart. Put the
 * new key in the next-key file (published, not used), wait for the backends' key cache, then in the
 * signing-key file (signed with). The key it replaces stays published for {@link #RETIRED_FOR} past the
 * context lifetime, so contexts it signed stay valid to their end. A file that no longer holds a usable key
 * is logged and the keys in use are kept. One thread re-reads; the others go on with the keys they have.
 */
public final class KeyRing {
    private static final Logger LOG = Logger.getLogger("io.github.edgeauth.edge");
    /** How long a replaced key stays published after the last context it could have signed expired. */
    static final Duration RETIRED_FOR = Duration.ofMinutes(5);

    /** What is in use now: immutable, swapped whole. */
    private record State(SigningKeys keys, ContextSigner signer, String jwks, String fingerprint,
                         Optional<JWK> retired, Instant retiredUntil, Instant nextCheck) {
    }

    private final SigningKeys.Source source;
    private final String issuer;
    private final Duration interval;
    private final Duration retiredAfter;
    private final Clock clock;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile State state;

    /**
     * @param keys     the keys read at deployment from {@code source}
     * @param interval how often the files are read again; zero never
     */
    public KeyRing(SigningKeys keys, SigningKeys.Source source, String issuer, Duration contextTtl, Duration interval,
            Clock clock) {
        this.source = source;
        this.issuer = issuer;
        this.interval = interval;
        this.retiredAfter = contextTtl.plus(RETIRED_FOR);
        this.clock = clock;
        boolean rereads = !interval.isZero() && !keys.ephemeral();
        this.state = state(keys, source.fingerprint(), Optional.empty(), Instant.MIN,
                rereads ? clock.instant().plus(interval) : Instant.MAX);
    }

    /** Signs contexts with the current key. */
    public ContextSigner signer() {
        return now().signer();
    }

    /** The public JWK set to serve: the current key, the next one and a recently replaced one. */
    public String jwks() {
        return now().jwks();
    }

    private State now() {
        State current = state;
        if (clock.instant().isBefore(current.nextCheck()) || !checking.compareAndSet(false, true)) {
            return current;
        }
        try {
            current = check(current);
            state = current;
            return current;
        } finally {
            checking.set(false);
        }
    }

    private State check(State was) {
        Instant now = clock.instant();
        Instant nextCheck = now.plus(interval);
        String fingerprint = source.fingerprint();
        Optional<JWK> retired = now.isBefore(was.retiredUntil()) ? was.retired() : Optional.empty();
        if (fingerprint.equals(was.fingerprint())) {
            return state(was.keys(), fingerprint, retired, was.retiredUntil(), nextCheck);
        }
        SigningKeys keys;
        try {
            keys = source.load();
        } catch (ConfigurationException e) {
            LOG.warning(() -> "edgeauth edge: a key file changed but cannot be used, still signing with kid="
                    + was.keys().current().getKeyID() + ": " + e.getMessage());
            return state(was.keys(), fingerprint, retired, was.retiredUntil(), nextCheck);
        }
        Instant retiredUntil = was.retiredUntil();
        if (!keys.current().getKeyID().equals(was.keys().current().getKeyID())) {
            retired = Optional.of(was.keys().current().toPublicJWK());
            retiredUntil = now.plus(retiredAfter);
        }
        State changed = state(keys, fingerprint, retired, retiredUntil, nextCheck);
        LOG.info(() -> "edgeauth edge: key files re-read: signing with kid=" + keys.current().getKeyID()
                + keys.next().map(k -> ", next kid=" + k.getKeyID()).orElse("")
                + changed.retired().map(k -> ", replaced kid=" + k.getKeyID() + " published until "
                + changed.retiredUntil()).orElse(""));
        return changed;
    }

    private State state(SigningKeys keys, String fingerprint, Optional<JWK> retired, Instant retiredUntil,
                        Instant nextCheck) {
        ContextSigner signer = state != null && state.keys().current().equals(keys.current())
                ? state.signer() : new ContextSigner(keys.current(), keys.algorithm(), issuer);
        List<JWK> published = new ArrayList<>(keys.publicSet().getKeys());
        retired.filter(old -> published.stream().noneMatch(k -> k.getKeyID().equals(old.getKeyID())))
                .ifPresent(published::add);
        return new State(keys, signer, new JWKSet(published).toString(true), fingerprint, retired, retiredUntil,
                nextCheck);
    }
}
