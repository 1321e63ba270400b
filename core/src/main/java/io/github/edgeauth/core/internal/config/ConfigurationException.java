package io.github.edgeauth.core.internal.config;

/**
 * A setting is missing or wrong. Thrown at deployment, never per request, with one message that names the
 * setting (and its env var) so an admin knows what to change. Never carries a secret value.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem with one setting. */
    public ConfigurationException(Setting setting, String problem) {
        super("edgeauth: setting " + setting.name() + " (env " + setting.envVar() + "): " + problem);
    }
}
