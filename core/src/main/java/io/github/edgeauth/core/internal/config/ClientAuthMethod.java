package io.github.edgeauth.core.internal.config;

import java.util.Arrays;
import java.util.Locale;

/** How the edge and the client feature authenticate to the provider's token endpoint (RFC 7591 names). */
public enum ClientAuthMethod {
    CLIENT_SECRET_BASIC,
    CLIENT_SECRET_POST,
    PRIVATE_KEY_JWT;

    /** The registered name, e.g. {@code client_secret_basic}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a client secret is needed (every method but {@code private_key_jwt}). */
    public boolean usesSecret() {
        return this != PRIVATE_KEY_JWT;
    }

    /** The method {@code setting} names; fails naming the setting and the allowed values otherwise. */
    public static ClientAuthMethod read(Settings settings, Setting setting) {
        String value = settings.oneOf(setting, Arrays.stream(values()).map(ClientAuthMethod::value).toList());
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
