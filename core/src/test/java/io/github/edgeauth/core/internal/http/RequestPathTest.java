package io.github.edgeauth.core.internal.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestPathTest {

    @Test
    void everySpellingOfOneResourceHasOneCanonicalForm() {
        for (String spelling : List.of("/api/admin", "/api/admin/", "/api/admin//", "//api/admin", "/api//admin",
                "/api/admin;x=1", "/api;jsessionid=1/admin", "/api/admin/.", "/api/./admin", "/api/%61dmin",
                "/api%2Fadmin", "/api%2fadmin/", "/api/x/../admin", "/api/x/..;/admin", "/api/x/%2e%2e/admin",
                "/api\\admin", "/api%5Cadmin")) {
            assertEquals(Optional.of("/api/admin"), RequestPath.canonical(spelling), spelling);
        }
    }

    @Test
    void rootStaysRoot() {
        assertEquals(Optional.of("/"), RequestPath.canonical("/"));
        assertEquals(Optional.of("/"), RequestPath.canonical(""));
        assertEquals(Optional.of("/"), RequestPath.canonical("//./"));
    }

    @Test
    void anAmbiguousPathHasNoCanonicalForm() {
        for (String bad : List.of("/..", "/api/../..", "/%2e%2e/x", "/api/%zz", "/api/%4", "/api/%00admin",
                "/api/%0d%0aX", "/api/%c3%28")) {
            assertEquals(Optional.empty(), RequestPath.canonical(bad), bad);
        }
    }

    @Test
    void dotSegmentsAreFoundInEverySpellingABackendMayReadAsOne() {
        for (String dotted : List.of("/..;/other-app/", "/../x", "/./x", "/%2e%2e/x", "/%2E/x", "/a%2F..%2Fb",
                "/a%5C..%5Cb", "/.%2e;x=1/b", "/%zz")) {
            assertTrue(RequestPath.hasDotSegment(dotted), dotted);
        }
        for (String plain : List.of("/", "/me", "/a//b", "/a;x=1/b", "/..x/b", "/a.b/c...")) {
            assertFalse(RequestPath.hasDotSegment(plain), plain);
        }
    }

    @Test
    void namesThatOnlyLookLikeDotSegmentsStayAsTheyAre() {
        for (String plain : List.of("/..x/b", "/a.b/c...", "/.well-known/jwks.json", "/a/.b", "/x..", "/a/b")) {
            assertEquals(Optional.of(plain), RequestPath.canonical(plain), plain);
        }
        assertEquals(Optional.of("/a"), RequestPath.canonical("/a/."));
        assertEquals(Optional.of("/"), RequestPath.canonical("/a/.."));
        assertEquals(Optional.of("/a/b"), RequestPath.canonical("/a/b/"));
        assertEquals(Optional.empty(), RequestPath.canonical("/a/\u0001"));
    }
}
