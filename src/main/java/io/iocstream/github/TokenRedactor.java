package io.iocstream.github;

import java.util.regex.Pattern;

/**
 * Takes credentials out of text that came back from a server: error bodies, exception messages, log lines. GitHub
 * never echoes the {@code Authorization} header, but a proxy, a gateway's error page or a hostile endpoint may, and
 * such text ends up in dead letters and logs. The client's own token is replaced wherever it appears; any other
 * credential is replaced where it stands in a header's form ({@code Bearer X}, {@code token X}, {@code Basic X}).
 */
final class TokenRedactor {

    static final String REDACTED = "[REDACTED]";
    // 20 characters or more: a credential, not an English word after "token" in a message
    private static final Pattern HEADER_CREDENTIAL =
            Pattern.compile("(?i)\\b(bearer|token|basic)(\\s+)[A-Za-z0-9_.~+/=-]{20,}");

    private final String token;

    /** @param token the token the client sends, or null when it sends none */
    TokenRedactor(String token) {
        this.token = token;
    }

    /** {@code text} without the token or any header-form credential; null stays null. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String clean = token == null ? text : text.replace(token, REDACTED);
        return HEADER_CREDENTIAL.matcher(clean).replaceAll("$1$2" + REDACTED);
    }

    /** Like {@link #redact}, for text cut off at a limit: a token cut off at its end is taken out too. */
    String redactCut(String text) {
        String clean = redact(text);
        if (token == null || clean == null) {
            return clean;
        }
        // shorter than 4 characters it says no more than GitHub's public prefixes (ghp_, gho_, ...)
        for (int length = Math.min(token.length() - 1, clean.length()); length >= 4; length--) {
            if (clean.endsWith(token.substring(0, length))) {
                return clean.substring(0, clean.length() - length) + REDACTED;
            }
        }
        return clean;
    }
}
