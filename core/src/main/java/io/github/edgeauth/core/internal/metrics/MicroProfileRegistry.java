package io.github.edgeauth.core.internal.metrics;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.InjectionPoint;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.lang.annotation.Annotation;
import java.lang.reflect.Member;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The application's MicroProfile Metrics registry, found through CDI; loaded only when both are present. */
final class MicroProfileRegistry implements ServerMetrics.Registry {
    private final MetricRegistry registry;

    private MicroProfileRegistry(MetricRegistry registry) {
        this.registry = registry;
    }

    /**
     * Asks CDI for the registry as an injection would: the servers' producers read the registry's scope from
     * the injection point ({@code @RegistryScope}, none meaning the application's), and a plain
     * {@code CDI.current().select(...)} gives them none to read.
     */
    static MicroProfileRegistry current() {
        BeanManager beans = CDI.current().getBeanManager();
        return new MicroProfileRegistry((MetricRegistry) beans.getInjectableReference(new Unannotated(),
                beans.createCreationalContext(null)));
    }

    @Override
    public Runnable gauge(String name, String description, Map<String, String> tags, Supplier<? extends Number> value) {
        Tag[] tagArray = tags.entrySet().stream().map(t -> new Tag(t.getKey(), t.getValue())).toArray(Tag[]::new);
        MetricID id = new MetricID(name, tagArray);
        registry.remove(id); // a stale one, left by an earlier deployment, would read its old counters
        Supplier<Number> reading = value::get;
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), reading, tagArray);
        return () -> registry.remove(id);
    }

    /** A {@code @Default MetricRegistry} injection point with no annotations: the application registry. */
    private static final class Unannotated implements InjectionPoint, Annotated {
        @Override
        public Type getType() {
            return MetricRegistry.class;
        }

        @Override
        public Set<Annotation> getQualifiers() {
            return Set.of(Default.Literal.INSTANCE);
        }

        @Override
        public Bean<?> getBean() {
            return null;
        }

        @Override
        public Member getMember() {
            return null;
        }

        @Override
        public Annotated getAnnotated() {
            return this;
        }

        @Override
        public boolean isDelegate() {
            return false;
        }

        @Override
        public boolean isTransient() {
            return false;
        }

        @Override
        public Type getBaseType() {
            return MetricRegistry.class;
        }

        @Override
        public Set<Type> getTypeClosure() {
            return Set.of(MetricRegistry.class, Object.class);
        }

        @Override
        public <T extends Annotation> T getAnnotation(Class<T> annotationType) {
            return null;
        }

        @Override
        public <T extends Annotation> Set<T> getAnnotations(Class<T> annotationType) {
            return Set.of();
        }

        @Override
        public Set<Annotation> getAnnotations() {
            return Set.of();
        }

        @Override
        public boolean isAnnotationPresent(Class<? extends Annotation> annotationType) {
            return false;
        }
    }
}
