package io.github.edgeauth.core.internal.config;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Reads settings from every source in one fixed precedence, highest first: system property, environment
 * variable, MicroProfile Config (when the container has it), web.xml filter init-param, web.xml
 * context-param, then the setting's default. Used once at {@code init}; the typed values then live in a
 * record. Shared by the filter and the edge.
 */
public final class Settings {
    private static final Logger LOG = Logger.getLogger(Settings.class.getName());

    /** One place settings come from: a lookup, and the setting names it holds (for prefixed settings). */
    private record Source(Function<Setting, String> lookup, Supplier<Collection<String>> names) {
    }

    private final List<Source> sources;
    private final Map<String, String> environment;

    private Settings(List<Source> sources, Map<String, String> environment) {
        this.sources = List.copyOf(sources);
        this.environment = environment;
    }

    /** The usual precedence over the given sources; the environment is looked up by env-var name. */
    private static Settings standard(Map<String, String> environment, Function<String, Optional<String>> microProfile,
                                     Supplier<Collection<String>> microProfileNames,
                                     Function<String, String> initParams, Supplier<Collection<String>> initNames,
                                     Function<String, String> contextParams, Supplier<Collection<String>> contextNames) {
        return new Settings(List.of(
                new Source(s -> System.getProperty(s.name()), () -> System.getProperties().stringPropertyNames()),
                new Source(s -> environment.get(s.envVar()), List::of),
                new Source(s -> microProfile.apply(s.name()).orElse(null), microProfileNames),
                new Source(s -> initParams.apply(s.name()), initNames),
                new Source(s -> contextParams.apply(s.name()), contextNames)), environment);
    }

    /** Settings for a filter: its init-params, then its web application's context-params. */
    public static Settings forFilter(FilterConfig config) {
        return forWebApp(config::getInitParameter, Collections.list(config.getInitParameterNames()),
                config.getServletContext());
    }

    /** Settings for any component of a web application with its own parameters (a filter, a servlet). */
    public static Settings forWebApp(Function<String, String> initParams, ServletContext context) {
        return forWebApp(initParams, List.of(), context);
    }

    /** As {@link #forWebApp(Function, ServletContext)}, with the names of the init-params for prefixed settings. */
    public static Settings forWebApp(Function<String, String> initParams, Collection<String> initParamNames,
                                     ServletContext context) {
        List<String> initNames = List.copyOf(initParamNames);
        return standard(System.getenv(), MicroProfileSource.lookup(), MicroProfileSource::names,
                initParams, () -> initNames,
                context::getInitParameter, () -> Collections.list(context.getInitParameterNames()));
    }

    /**
     * Settings outside a web application (a JAX-RS client, a command): system property, env var, then
     * MicroProfile Config when present, then the default.
     */
    public static Settings standalone() {
        Map<String, String> environment = System.getenv();
        Function<String, Optional<String>> mp = MicroProfileSource.lookup();
        return new Settings(List.of(
                new Source(s -> System.getProperty(s.name()), () -> System.getProperties().stringPropertyNames()),
                new Source(s -> environment.get(s.envVar()), List::of),
                new Source(s -> mp.apply(s.name()).orElse(null), MicroProfileSource::names)), environment);
    }

    /** Settings from explicit maps only (tests, command-line tools): {@code values} stands for web.xml. */
    public static Settings of(Map<String, String> values, Map<String, String> environment) {
        Map<String, String> env = Map.copyOf(environment);
        Map<String, String> copy = Map.copyOf(values);
        return new Settings(List.of(
                new Source(s -> env.get(s.envVar()), List::of),
                new Source(s -> copy.get(s.name()), copy::keySet)), env);
    }

    /**
     * The raw value, trimmed, from the first source that sets it to something non-blank; when none does, the
     * value of one of its former names, with a warning that names the new one.
     */
    public Optional<String> raw(Setting setting) {
        Optional<String> value = first(setting);
        if (value.isPresent()) {
            return value;
        }
        for (String oldName : setting.formerly()) {
            Setting former = Setting.optional(oldName);
            Optional<String> old = first(former);
            if (old.isPresent()) {
                LOG.warning(() -> "edgeauth: setting " + oldName + " (env " + former.envVar() + ") is deprecated;"
                        + " its value is used, but set " + setting.name() + " (env " + setting.envVar() + ") instead");
                return old;
            }
        }
        return Optional.empty();
    }

    private Optional<String> first(Setting setting) {
        for (Source source : sources) {
            String value = source.lookup().apply(setting);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    /**
     * Every setting named {@code prefix + key} in any source, keyed by {@code key} in lower case, for settings
     * such as {@code edgeauth.edge.route.<service>}. From an env var ({@code EDGEAUTH_EDGE_ROUTE_ORDERS}) the
     * key is lower-cased and its {@code _} read as {@code -}. Values follow the usual precedence.
     */
    public Map<String, String> withPrefix(String prefix) {
        Set<String> keys = new TreeSet<>();
        for (Source source : sources) {
            for (String name : source.names().get()) {
                if (name.startsWith(prefix) && name.length() > prefix.length()) {
                    keys.add(name.substring(prefix.length()).toLowerCase(Locale.ROOT));
                }
            }
        }
        String envPrefix = Setting.optional(prefix + "x").envVar();
        envPrefix = envPrefix.substring(0, envPrefix.length() - 1);
        for (String name : environment.keySet()) {
            if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                keys.add(name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        Map<String, String> result = new TreeMap<>();
        for (String key : keys) {
            raw(Setting.optional(prefix + key)).ifPresent(value -> result.put(key, value));
        }
        return Collections.unmodifiableMap(result);
    }

    /** The value or the default; empty when neither exists. */
    public Optional<String> optional(Setting setting) {
        return raw(setting).or(setting::defaultValue);
    }

    /** The value or the default; fails naming the setting when neither exists. */
    public String required(Setting setting) {
        return optional(setting).orElseThrow(() -> new ConfigurationException(setting, "is required"));
    }

    /** A comma- or whitespace-separated list; empty when unset. */
    public List<String> list(Setting setting) {
        List<String> items = new ArrayList<>();
        optional(setting).ifPresent(value -> {
            for (String item : value.split("[,\\s]+")) {
                if (!item.isBlank()) {
                    items.add(item);
                }
            }
        });
        return List.copyOf(items);
    }

    /** {@code true} or {@code false}, nothing else. */
    public boolean bool(Setting setting) {
        String value = required(setting).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(setting, "must be true or false");
        };
    }

    /** A whole number at least {@code min}. */
    public int integer(Setting setting, int min) {
        String value = required(setting);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min) {
                throw new ConfigurationException(setting, "must be at least " + min);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(setting, "must be a whole number");
        }
    }

    /** A duration: {@code 90} (seconds), {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT60S}. */
    public Duration duration(Setting setting) {
        String value = required(setting).toLowerCase(Locale.ROOT);
        try {
            Duration parsed;
            if (value.startsWith("p")) {
                parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            } else if (value.endsWith("ms")) {
                parsed = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            } else if (value.endsWith("s")) {
                parsed = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            } else if (value.endsWith("m")) {
                parsed = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            } else if (value.endsWith("h")) {
                parsed = Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
            } else {
                parsed = Duration.ofSeconds(Long.parseLong(value));
            }
            if (parsed.isNegative()) {
                throw new ConfigurationException(setting, "must not be negative");
            }
            return parsed;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ConfigurationException(setting, "must be a duration such as 60s, 5m or PT60S");
        }
    }

    /** An absolute http or https URL, when set. */
    public Optional<URI> url(Setting setting) {
        return optional(setting).map(value -> url(setting, value));
    }

    /** {@code value}, one item of {@code setting}, as an absolute http or https URL. */
    public URI url(Setting setting, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new ConfigurationException(setting, "must be an absolute http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(setting, "must be an absolute http or https URL");
        }
    }

    /**
     * Like {@link #url(Setting, String)}, but plain {@code http} only for a loopback host ({@code localhost},
     * {@code 127.0.0.0/8}, {@code [::1]}) or when {@code plainHttpAllowed} (development mode): keys, issuers and
     * token endpoints fetched over plain HTTP on a real network could be swapped by anyone on the path.
     */
    public URI secureUrl(Setting setting, String value, boolean plainHttpAllowed) {
        URI uri = url(setting, value);
        if (!plainHttpAllowed && uri.getScheme().equalsIgnoreCase("http") && !isLoopback(uri)) {
            throw new ConfigurationException(setting, "must be an https URL (plain http only for a loopback host"
                    + " or in development mode)");
        }
        return uri;
    }

    /** Whether {@code uri} names this machine by a loopback name or address, without a name lookup. */
    public static boolean isLoopback(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.endsWith(".localhost") || host.matches("127(\\.[0-9]{1,3}){3}")
                || host.equals("[::1]") || host.equals("::1");
    }

    /** One of {@code allowed} (case-insensitive), returned lower-cased. */
    public String oneOf(Setting setting, List<String> allowed) {
        String value = required(setting).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new ConfigurationException(setting, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }
}
