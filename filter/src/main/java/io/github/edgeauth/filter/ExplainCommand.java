package io.github.edgeauth.filter;

import io.github.edgeauth.core.ReasonCode;
import io.github.edgeauth.core.keys.KeyFiles;
import io.github.edgeauth.core.keys.RemoteKeys;
import io.github.edgeauth.core.token.ContextVerifier;
import io.github.edgeauth.core.token.VerificationResult;
import com.nimbusds.jose.JWSAlgorithm;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filter jar as a command, for the one-minute answer to "why was this request rejected":
 * <pre>
 * java -jar edgeauth-filter.jar explain &lt;header value&gt; --jwks &lt;url|file&gt; [--audience &lt;aud&gt;]
 *      [--issuer &lt;iss&gt;] [--algorithms RS256,ES256]
 * </pre>
 * It prints the token's header and claims (decoded, never trusted) and then what the filter would decide:
 * {@code accepted}, or the reason code with its explanation. Exit status 0 accepted, 1 rejected, 2 usage.
 * Started by {@link ExplainLauncher}, which finds its libraries.
 */
final class ExplainCommand {
    private ExplainCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length < 2 || !args[0].equals("explain")) {
            return usage(out, null);
        }
        String token = args[1].trim();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return usage(out, "unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("jwks")) {
            return usage(out, "--jwks is required");
        }
        describe(token, out);
        ContextVerifier verifier;
        try {
            verifier = ContextVerifier.builder()
                    .keys(keys(options.get("jwks")))
                    .issuer(options.getOrDefault("issuer", FilterSettings.CONTEXT_ISSUER.defaultValue().orElseThrow()))
                    .audience(options.getOrDefault("audience", FilterSettings.CONTEXT_AUDIENCE.defaultValue().orElseThrow()))
                    .algorithms(algorithms(options.getOrDefault("algorithms", "RS256,PS256,ES256")))
                    .cacheSize(0)
                    .build();
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
        List<JWK> keys = KeyFiles.byExtension(file, new char[0]);
        return new ImmutableJWKSet<>(new JWKSet(new ArrayList<>(KeyFiles.publicOnly(keys))));
    }

    private static Set<JWSAlgorithm> algorithms(String list) {
        Set<JWSAlgorithm> result = new LinkedHashSet<>();
        for (String name : list.split("[,\\s]+")) {
            if (!name.isBlank()) {
                result.add(JWSAlgorithm.parse(name));
            }
        }
        return result;
    }

    private static int usage(PrintStream out, String problem) {
        if (problem != null) {
            out.println("edgeauth explain: " + problem);
        }
        out.println("usage: java -jar edgeauth-filter.jar explain <header value> --jwks <url|file>"
                + " [--audience <aud>] [--issuer <iss>] [--algorithms RS256,PS256,ES256]");
        return 2;
    }
}
