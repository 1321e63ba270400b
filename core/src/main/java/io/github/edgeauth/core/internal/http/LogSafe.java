package io.github.edgeauth.core.internal.http;

/** Makes client-supplied values safe for a one-line log: printable ASCII only, and short. */
public final class LogSafe {
    private static final int MAX = 120;

    private LogSafe() {
    }

    /** {@code value} with anything but printable ASCII replaced, cut to 120 characters; {@code -} when empty. */
    public static String clean(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX));
        for (int i = 0; i < value.length() && out.length() < MAX; i++) {
            char c = value.charAt(i);
            out.append(c > 0x20 && c < 0x7f && c != '"' ? c : '_');
        }
        if (value.length() > MAX) {
            out.append("...");
        }
        return out.toString();
    }
}
