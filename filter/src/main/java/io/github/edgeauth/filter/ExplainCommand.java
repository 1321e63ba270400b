package io.github.edgeauth.filter;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.internal.config.ConfigurationException;
import io.github.edgeauth.core.internal.config.Setting;
import io.github.edgeauth.core.internal.config.Settings;
import io.github.edgeauth.core.internal.http.LogSafe;
import io.github.edgeauth.core.internal.keys.KeyFiles;
import io.github.edgeauth.core.internal.keys.RemoteKeys;
import io.github.edgeauth.core.internal.token.Algorithms;
import io.github.edgeauth.core.internal.token.ContextVerifier;
import io.github.edgeauth.core.internal.token.VerificationResult;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The filter jar as a command, for the one-minute answer to "why was this request rejected":
 * <pre>
 * java -jar edgeauth-filter.jar explain &lt;header value&gt; --jwks &lt;url|file&gt; [--audience &lt;aud&gt;]
 *      [--issuer &lt;iss&gt;] [--algorithms RS256,ES256]
 * </pre>
 * Options come in any order, before or after the header value. {@code --issuer}, {@code --audience} and
 * {@code --algorithms} stand for {@code edgeauth.context.issuer}, {@code .audience} and {@code .algorithms},
 * and default as the filter's do, so an unset option gives the verdict of a filter with that setting unset.
 * It prints the token's header and claims (decoded, never trusted) and then what the filter would decide:
 * {@code accepted}, or the reason code with its explanation. Exit status 0 accepted, 1 rejected, 2 usage.
 * Started by {@link ExplainLauncher}, which finds its libraries.
 */
final class ExplainCommand {
    /** The options besides {@code --jwks}, each with the filter setting it stands for. */
    private static final Map<String, Setting> OPTIONS = Map.of(
            "issuer", FilterSettings.CONTEXT_ISSUER,
            "audience", FilterSettings.CONTEXT_AUDIENCE,
            "algorithms", FilterSettings.CONTEXT_ALGORITHMS);

    private ExplainCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length == 0 || !args[0].equals("explain")) {
            return usage(out, null);
        }
        String token = null;
        String jwks = null;
        Map<String, String> given = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                if (token != null) {
                    // Never echoed: it may be a live credential.
                    return usage(out, "more than one header value; quote the header value as one argument");
                }
                token = arg.trim();
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            if (!name.equals("jwks") && !OPTIONS.containsKey(name)) {
                return usage(out, "unknown option --" + LogSafe.clean(name));
            }
            if (equals < 0 && i + 1 >= args.length) {
                return usage(out, "--" + name + " needs a value");
            }
            String value = equals < 0 ? args[++i] : arg.substring(equals + 1);
            if (name.equals("jwks")) {
                jwks = value;
            } else {
                given.put(OPTIONS.get(name).name(), value);
            }
        }
        if (token == null) {
            return usage(out, "no header value to explain");
        }
        if (jwks == null || jwks.isBlank()) {
            return usage(out, "--jwks is required");
        }
        Settings settings = Settings.of(given, Map.of());
        describe(token, out);
        ContextVerifier verifier;
        try {
            verifier = ContextVerifier.builder()
                    .keys(keys(jwks.trim()))
                    .issuer(settings.required(FilterSettings.CONTEXT_ISSUER))
                    .audience(settings.required(FilterSettings.CONTEXT_AUDIENCE))
                    .algorithms(Algorithms.read(settings, FilterSettings.CONTEXT_ALGORITHMS))
                    .clockSkew(settings.duration(FilterSettings.CONTEXT_CLOCK_SKEW))
                    .cacheSize(0)
                    .build();
        } catch (ConfigurationException e) {
            return usage(out, e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return usage(out, "cannot read the keys: " + e.getMessage());
        }
        VerificationResult result = verifier.verify(token);
        if (result instanceof VerificationResult.Accepted accepted) {
            out.println("result:  accepted");
            out.println("subject: " + accepted.context().subject());
            out.println("roles:   " + accepted.context().roles());
            out.println("expires: " + accepted.context().expiresAt());
            return 0;
        }
        ReasonCode reason = ((VerificationResult.Rejected) result).reason();
        out.println("result:  rejected");
        out.println("reason:  " + reason.code() + " (HTTP " + reason.status() + ")");
        out.println("meaning: " + reason.title());
        out.println("see:     docs/reason-codes.md#" + reason.code());
        return 1;
    }

    /** Prints what the token says about itself: decoded only, nothing here is trusted. */
    private static void describe(String token, PrintStream out) {
        String[] parts = token.split("\\.", -1);
        out.println("header:  " + decode(parts.length > 0 ? parts[0] : ""));
        out.println("claims:  " + (parts.length > 1 ? decode(parts[1]) : "(none)"));
    }

    private static String decode(String part) {
        try {
            return JSONObjectUtils.toJSONString(JSONObjectUtils.parse(new Base64URL(part).decodeToString()));
        } catch (ParseException | RuntimeException e) {
            return "(not base64url JSON)";
        }
    }

    private static JWKSource<SecurityContext> keys(String where) throws IOException {
        if (where.startsWith("http://") || where.startsWith("https://")) {
            return RemoteKeys.at(URI.create(where), RemoteKeys.retriever());
        }
        Path file = Path.of(where);
        if (!Files.isReadable(file)) {
            throw new IOException("file " + where + " cannot be read");
        }
        // By what the file holds, not its name: a JWK set saved as "jwks" or "keys.txt" is still one.
        List<JWK> keys = KeyFiles.byContent(file, new char[0]);
        return new ImmutableJWKSet<>(new JWKSet(new ArrayList<>(KeyFiles.publicOnly(keys))));
    }

    private static int usage(PrintStream out, String problem) {
        if (problem != null) {
            out.println("edgeauth explain: " + problem);
        }
        out.println("usage: java -jar edgeauth-filter.jar explain <header value> --jwks <url|file>"
                + " [--audience <aud>] [--issuer <iss>] [--algorithms RS256,PS256,ES256]");
        out.println("       options in any order; unset, --issuer, --audience and --algorithms are the filter's"
                + " defaults (" + FilterSettings.CONTEXT_ISSUER.defaultValue().orElseThrow() + ", "
                + FilterSettings.CONTEXT_AUDIENCE.defaultValue().orElseThrow() + ", "
                + FilterSettings.CONTEXT_ALGORITHMS.defaultValue().orElseThrow() + ")");
        return 2;
    }
}
