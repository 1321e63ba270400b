package io.github.edgeauth.edge.internal.signin;

import io.github.edgeauth.edge.jmx.EdgeSignInMXBean;
import io.github.edgeauth.core.internal.metrics.ManagedBeans;
import io.github.edgeauth.core.internal.metrics.RejectionCounts;
import io.github.edgeauth.core.internal.metrics.ServerMetrics;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import javax.management.ObjectName;
import java.util.Map;
import java.util.Optional;

/**
 * Shows the edge's sign-in refusals in JMX and in the server's MicroProfile Metrics while the edge runs, and
 * takes them away when it stops.
 */
public final class SignInMetrics implements ServletContextListener, EdgeSignInMXBean {
    private final RejectionCounts refusals;
    private Optional<ObjectName> bean = Optional.empty();
    private ServerMetrics published = ServerMetrics.none();

    public SignInMetrics(RejectionCounts refusals) {
        this.refusals = refusals;
    }

    @Override
    public Map<String, Long> getRejections() {
        return refusals.snapshot();
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String path = event.getServletContext().getContextPath();
        Map<String, String> application = Map.of("application", path.isEmpty() ? "/" : path);
        bean = ManagedBeans.register("EdgeSignIn", application, this);
        published = ServerMetrics.forServer(application);
        refusals.publishTo(published, "edgeauth.edge.signin.rejections",
                "What the edge refused before forwarding, by reason code");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ManagedBeans.unregister(bean);
        published.close();
    }
}
