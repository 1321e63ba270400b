package io.github.edgeauth.edge.internal.routes;

import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where routes are served at the edge, and the mistakes that fail the deployment naming their setting. */
class RouteSettingsTest {
    private static Map<String, Route> routes(Map<String, String> settings) {
        return RouteSettings.read(Settings.of(settings, Map.of()), "edgeauth");
    }

    private static String failure(Map<String, String> settings) {
        return assertThrows(ConfigurationException.class, () -> routes(settings)).getMessage();
    }

    @Test
    void aRouteIsServedAtTheBackendsOwnPathUnlessMountedElsewhere() {
        Map<String, Route> routes = routes(Map.of(
                "edgeauth.edge.route.orders", "http://orders.internal:8080/orders",
                "edgeauth.edge.route.legacy", "http://legacy.internal:8080/legacy/",
                "edgeauth.edge.route.billing", "http://billing.internal:8080/",
                "edgeauth.edge.mount.billing", "/api/billing/"));
        assertEquals("/orders", routes.get("orders").mount());
        assertEquals("/legacy", routes.get("legacy").mount());
        assertEquals("/api/billing", routes.get("billing").mount());
    }

    @Test
    void aBackendAtItsServersRootNeedsAMount() {
        String message = failure(Map.of("edgeauth.edge.route.shop", "http://shop.internal:8080"));
        assertTrue(message.contains("edgeauth.edge.mount.shop"), message);
        message = failure(Map.of("edgeauth.edge.route.shop", "http://shop.internal:8080/"));
        assertTrue(message.contains("edgeauth.edge.mount.shop"), message);
    }

    @Test
    void routesMayNotOverlapOneAnotherNorTheEdgesOwnPaths() {
        String message = failure(Map.of("edgeauth.edge.route.a", "http://a.internal/orders",
                "edgeauth.edge.route.b", "http://b.internal/x", "edgeauth.edge.mount.b", "/orders/reports"));
        assertTrue(message.contains("overlaps"), message);
        for (String own : RouteSettings.EDGE_PATHS) {
            message = failure(Map.of("edgeauth.edge.route.a", "http://a.internal/x", "edgeauth.edge.mount.a", own));
            assertTrue(message.contains("edgeauth.edge.mount.a") && message.contains(own), message);
        }
        message = failure(Map.of("edgeauth.edge.route.a", "http://a.internal/.well-known/x"));
        assertTrue(message.contains("edgeauth.edge.route.a"), message);
    }

    @Test
    void aMountIsAPlainPath() {
        for (String bad : new String[] {"orders", "/", "/a%2Fb", "/a//b", "/a/../b", "/a/./b", "/a b", "/a?x"}) {
            String message = failure(Map.of("edgeauth.edge.route.a", "http://a.internal/x", "edgeauth.edge.mount.a", bad));
            assertTrue(message.contains("edgeauth.edge.mount.a"), bad + ": " + message);
        }
    }

    @Test
    void aRouteMayNarrowTheRolesItsContextsCarry() {
        Route route = routes(Map.of("edgeauth.edge.route.orders", "http://o.internal/orders",
                "edgeauth.edge.roles.orders", "orders-*, admin")).get("orders");
        io.github.edgeauth.core.UserContext user = io.github.edgeauth.core.UserContext.builder().subject("gina")
                .roles(java.util.Set.of("orders-reader", "admin", "administrators", "CN=Group 1")).build();
        assertEquals(java.util.Set.of("orders-reader", "admin"), route.narrow(user).roles());
        String message = failure(Map.of("edgeauth.edge.route.orders", "http://o.internal/orders",
                "edgeauth.edge.roles.orders", "or*ders"));
        assertTrue(message.contains("edgeauth.edge.roles.orders"), message);
    }

    @Test
    void aRoutesRulesAreMethodsPatternsAndRolesAndAMistakeFailsNamingTheSetting() {
        Route route = routes(Map.of("edgeauth.edge.route.orders", "http://o.internal/orders",
                "edgeauth.edge.rules.orders", "/admin/*=admin; POST,put /items/*=writer manager; /*=user")).get("orders");
        assertEquals(java.util.Optional.of(java.util.Set.of("admin")), route.rules().required("GET", "/admin/x"));
        assertEquals(java.util.Optional.of(java.util.Set.of("writer", "manager")), route.rules().required("PUT", "/items/1"));
        assertEquals(java.util.Optional.of(java.util.Set.of("user")), route.rules().required("GET", "/items/1"));
        for (String bad : new String[] {"/admin/*", "/admin/*=", "admin=admin", "GET POST /x=admin", "G3T /x=admin"}) {
            String message = failure(Map.of("edgeauth.edge.route.orders", "http://o.internal/orders",
                    "edgeauth.edge.rules.orders", bad));
            assertTrue(message.contains("edgeauth.edge.rules.orders"), bad + ": " + message);
        }
    }

    @Test
    void aMountOrAudienceOfNoRouteFailsNamingIt() {
        String message = failure(Map.of("edgeauth.edge.mount.ghost", "/ghost"));
        assertTrue(message.contains("edgeauth.edge.mount.ghost"), message);
        message = failure(Map.of("edgeauth.edge.audience.ghost", "shop"));
        assertTrue(message.contains("edgeauth.edge.audience.ghost"), message);
    }
}
