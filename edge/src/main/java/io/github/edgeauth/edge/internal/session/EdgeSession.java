package io.github.edgeauth.edge.internal.session;

import org.pac4j.oidc.profile.OidcProfile;

import java.io.Serializable;
import java.util.Set;
import java.util.TreeSet;

/**
 * A browser's session at the edge, as the data grid keeps it: the person's pac4j profile (with the provider's
 * tokens), when they signed in and were last seen, and the backends' cookies their browser holds (names and
 * paths, so that sign-out can expire them). Immutable: a change is a new value, written to the grid at once.
 *
 * @param id            the random id the browser's session cookie carries
 * @param signedInAt    when the sign-in completed (epoch milliseconds); only a new sign-in moves it
 * @param seenAt        when a request was last counted as activity (epoch milliseconds)
 * @param backendCookies each backend cookie as {@code name + '\t' + path}
 */
public record EdgeSession(String id, OidcProfile profile, long signedInAt, long seenAt, Set<String> backendCookies)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public EdgeSession {
        backendCookies = Set.copyOf(backendCookies);
    }

    EdgeSession seen(long now) {
        return new EdgeSession(id, profile, signedInAt, now, backendCookies);
    }

    EdgeSession withProfile(OidcProfile refreshed) {
        return new EdgeSession(id, refreshed, signedInAt, seenAt, backendCookies);
    }

    EdgeSession withBackendCookie(String entry) {
        Set<String> more = new TreeSet<>(backendCookies);
        more.add(entry);
        return new EdgeSession(id, profile, signedInAt, seenAt, more);
    }
}
