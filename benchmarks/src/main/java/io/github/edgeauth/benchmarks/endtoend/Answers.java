package io.github.edgeauth.benchmarks.endtoend;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who answered a soak caller, and why, in one word each: an edgeauth answer names its reason code (a problem+json
 * body's {@code reason}, or the "reason:" line of the edge's own HTML page); any other answer is a server's own
 * status page.
 */
final class Answers {
    /** The outcome's suffix for an answer that is no edgeauth answer: a server's own status page. */
    static final String PAGE = "page";
    private static final Pattern PAGE_REASON = Pattern.compile("reason: ([a-z_]+)");

    private Answers() {
    }

    /**
     * {@code <status> <reason code>} for an edgeauth answer (say {@code 502 backend_unavailable}), else
     * {@code <status> page}.
     */
    static String describe(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String reason = PAGE;
        if (type.startsWith("application/problem+json")) {
            try {
                String code = JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "reason");
                reason = code == null ? "problem-without-reason" : code;
            } catch (ParseException e) {
                reason = "problem-not-json";
            }
        } else if (type.startsWith("text/html")) {
            Matcher m = PAGE_REASON.matcher(response.body());
            if (m.find()) {
                reason = m.group(1);
            }
        }
        return response.statusCode() + " " + reason;
    }
}
