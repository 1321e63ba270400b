package io.github.edgeauth.core.internal.http;

import jakarta.servlet.http.HttpServletRequest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The one form of a request path that path rules are matched against, so that every spelling the container
 * and JAX-RS route to one resource meets the same rule: path parameters ({@code ;x=1}) dropped, percent
 * escapes decoded (an encoded {@code /} or {@code \} separates segments like a plain one), empty segments
 * ({@code //}, a trailing {@code /}) dropped, {@code .} and {@code ..} resolved. A path that cannot be put
 * in that form (a broken escape, a control character, a {@code ..} above the root) is refused.
 * Shared by the filter and the edge.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /**
     * The canonical form of a raw (still percent-encoded) path, such as {@code /api//admin;x=1/} becoming
     * {@code /api/admin}; empty when the path is ambiguous and must be refused.
     */
    public static Optional<String> canonical(String rawPath) {
        if (isAlreadyCanonical(rawPath)) {
            return Optional.of(rawPath); // the common case, without splitting or decoding
        }
        Optional<List<String>> names = names(rawPath);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String name : names.get()) {
            if (name.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else if (!name.isEmpty() && !name.equals(".")) {
                segments.addLast(name);
            }
        }
        return Optional.of("/" + String.join("/", segments));
    }

    /**
     * Whether {@code rawPath} is its own canonical form: rooted, no escape, path parameter, backslash or
     * control character, no empty segment (nor a trailing {@code /}) and no {@code .} or {@code ..} segment.
     */
    private static boolean isAlreadyCanonical(String rawPath) {
        int length = rawPath.length();
        if (length == 0 || rawPath.charAt(0) != '/') {
            return false;
        }
        if (length == 1) {
            return true;
        }
        int segmentStart = 1;
        for (int i = 1; i <= length; i++) {
            char c = i < length ? rawPath.charAt(i) : '/';
            if (c == '/') {
                int segment = i - segmentStart;
                if (segment == 0 || (segment <= 2 && rawPath.startsWith(segment == 1 ? "." : "..", segmentStart))) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (c < 0x20 || c == 0x7f || c == '%' || c == ';' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a raw path has a {@code .} or {@code ..} segment in any spelling a server may read as one:
     * plain, percent-encoded, behind an encoded slash or backslash, or with path parameters ({@code ..;x},
     * which Tomcat-family servers read as {@code ..}); also true for a path that cannot be decoded.
     */
    public static boolean hasDotSegment(String rawPath) {
        return names(rawPath).map(names -> names.contains(".") || names.contains("..")).orElse(true);
    }

    /** The decoded segment names, path parameters dropped, split at encoded separators too. */
    private static Optional<List<String>> names(String rawPath) {
        List<String> names = new ArrayList<>();
        for (String raw : rawPath.split("/", -1)) {
            int parameters = raw.indexOf(';');
            Optional<String> decoded = decode(parameters < 0 ? raw : raw.substring(0, parameters));
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            for (String segment : decoded.get().split("[/\\\\]", -1)) {
                int inner = segment.indexOf(';');
                names.add(inner < 0 ? segment : segment.substring(0, inner));
            }
        }
        return Optional.of(names);
    }

    /**
     * The canonical path of {@code request} inside its web application (the part after the context path);
     * empty when the path is ambiguous and must be refused, or when its canonical form lies outside the
     * application's context path.
     */
    public static Optional<String> inApplication(HttpServletRequest request) {
        Optional<String> uri = canonical(request.getRequestURI() == null ? "/" : request.getRequestURI());
        String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
        Optional<String> context = canonical(contextPath);
        if (uri.isEmpty() || context.isEmpty()) {
            return Optional.empty();
        }
        if (context.get().equals("/")) {
            return uri;
        }
        if (uri.get().equals(context.get())) {
            return Optional.of("/");
        }
        if (uri.get().startsWith(context.get() + "/")) {
            return Optional.of(uri.get().substring(context.get().length()));
        }
        // The path climbs out of the application it reached, or names it another way: never guess.
        return Optional.empty();
    }

    /** Percent-decodes one segment as UTF-8; empty for a broken escape, bad UTF-8 or a control character. */
    private static Optional<String> decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return hasControl(segment) ? Optional.empty() : Optional.of(segment);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
                continue;
            }
            if (i + 2 >= segment.length()) {
                return Optional.empty();
            }
            int high = Character.digit(segment.charAt(i + 1), 16);
            int low = Character.digit(segment.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return hasControl(decoded) ? Optional.empty() : Optional.of(decoded);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
