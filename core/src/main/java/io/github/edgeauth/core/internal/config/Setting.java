package io.github.edgeauth.core.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One documented setting. Its name is the web.xml init-param (or context-param), the system property and
 * the MicroProfile Config key; the env var is the name upper-cased with {@code _} for {@code .} and {@code -}.
 *
 * @param name         {@code edgeauth.<area>.<name>}
 * @param defaultValue the value used when no source sets it; empty when the setting has none
 * @param secret       whether values must never be printed
 * @param formerly     older names still read (with a warning naming this one) when this one is not set
 */
public record Setting(String name, Optional<String> defaultValue, boolean secret, List<String> formerly) {

    public Setting {
        formerly = List.copyOf(formerly);
    }

    /** A setting with a default. */
    public static Setting of(String name, String defaultValue) {
        return new Setting(name, Optional.of(defaultValue), false, List.of());
    }

    /** A setting with no default. */
    public static Setting optional(String name) {
        return new Setting(name, Optional.empty(), false, List.of());
    }

    /** A setting with no default whose value is never printed. */
    public static Setting secret(String name) {
        return new Setting(name, Optional.empty(), true, List.of());
    }

    /** This setting, also read under {@code oldName} when it is not set itself. */
    public Setting formerly(String oldName) {
        List<String> names = new ArrayList<>(formerly);
        names.add(oldName);
        return new Setting(name, defaultValue, secret, names);
    }

    /** The environment variable that sets it, e.g. {@code EDGEAUTH_CONTEXT_JWKS_URL}. */
    public String envVar() {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
