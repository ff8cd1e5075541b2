package io.iocstream.github;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Takes credentials out of text that came back from a server: error bodies, exception messages, log lines. GitHub
 * never echoes the {@code Authorization} header, but a proxy, a gateway's error page or a hostile endpoint may, and
 * such text ends up in dead letters and logs. The client's own secrets (its token, or a GitHub App's JWTs and
 * installation tokens) are replaced wherever they appear; any other credential is replaced where it stands in a
 * header's form ({@code Bearer X}, {@code token X}, {@code Basic X}). Thread-safe.
 */
public final class TokenRedactor {

    static final String REDACTED = "[REDACTED]";
    // 20 characters or more: a credential, not an English word after "token" in a message
    private static final Pattern HEADER_CREDENTIAL =
            Pattern.compile("(?i)\\b(bearer|token|basic)(\\s+)[A-Za-z0-9_.~+/=-]{20,}");
    /** An App mints a JWT and a token an hour; answers that quote older ones than these are not expected. */
    private static final int REMEMBERED = 16;

    private final Deque<String> secrets = new ArrayDeque<>();

    /** @param token the token the client sends, or null when it sends none (yet) */
    public TokenRedactor(String token) {
        if (token != null) {
            remember(token);
        }
    }

    /** Redacts {@code secret} from now on, as well as the last few remembered before it. */
    synchronized void remember(String secret) {
        if (secrets.size() == REMEMBERED) {
            secrets.removeFirst();
        }
        secrets.addLast(secret);
    }

    private synchronized List<String> secrets() {
        return List.copyOf(secrets);
    }

    /** {@code text} without the client's secrets or any header-form credential; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String clean = text;
        for (String secret : secrets()) {
            clean = clean.replace(secret, REDACTED);
        }
        return HEADER_CREDENTIAL.matcher(clean).replaceAll("$1$2" + REDACTED);
    }

    /** Like {@link #redact}, for text cut off at a limit: a secret cut off at its end is taken out too. */
    String redactCut(String text) {
        String clean = redact(text);
        if (clean == null) {
            return null;
        }
        for (String secret : secrets()) {
            // shorter than 4 characters it says no more than GitHub's public prefixes (ghp_, ghs_, ...)
            for (int length = Math.min(secret.length() - 1, clean.length()); length >= 4; length--) {
                if (clean.regionMatches(clean.length() - length, secret, 0, length)) {
                    clean = clean.substring(0, clean.length() - length) + REDACTED;
                    break;
                }
            }
        }
        return clean;
    }
}
