package io.iocstream.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the selected dead letters come back, and as what. Only the fetch stage's failures are re-tryable: GitHub
 * answering 5xx, 429, 403 (a rate limit) or 401 (a token since replaced), timeouts and I/O errors, all of which may
 * pass. A fetch dead letter carries the scan request or file reference it failed on ({@code repo}, {@code ref},
 * {@code commit}); each ref named comes back once, as one {@link Rescan} of its whole tree (a branch at its head, a
 * tag at the commit it named). Everything else is
 * reported, not re-sent: a re-send would fail the same way (malformed JSON, a file that does not parse, a feed row,
 * a file over the size cap, a commit GitHub no longer has).
 *
 * @param rescans     one per ref, in the order the refs first appear
 * @param notRetried  the selected dead letters that are not re-tryable, each with why
 * @param selected    dead letters the selection took
 * @param skipped     dead letters the selection left out
 */
public record RedrivePlan(List<Rescan> rescans, List<NotRetried> notRetried, int selected, int skipped) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GITHUB_STATUS = Pattern.compile("GitHub API (\\d{3})");

    /** A dead letter left alone, and why. */
    public record NotRetried(DeadLetter deadLetter, String why) {}

    public RedrivePlan {
        rescans = List.copyOf(rescans);
        notRetried = List.copyOf(notRetried);
    }

    /** The plan for {@code deadLetters} under {@code selection}. */
    public static RedrivePlan of(List<DeadLetter> deadLetters, Selection selection) {
        Map<String, Rescan> rescans = new LinkedHashMap<>();
        List<NotRetried> notRetried = new ArrayList<>();
        int selected = 0;
        for (DeadLetter deadLetter : deadLetters) {
            if (!selection.matches(deadLetter)) {
                continue;
            }
            selected++;
            String why = whyNotRetryable(deadLetter);
            Rescan rescan = why == null ? rescanOf(deadLetter) : null;
            if (rescan == null) {
                notRetried.add(new NotRetried(deadLetter, why != null ? why
                        : "carries no repository and ref to scan again: " + abbreviate(deadLetter.raw())));
            } else {
                rescans.putIfAbsent(rescan.repo() + "\n" + rescan.ref(), rescan);
            }
        }
        return new RedrivePlan(new ArrayList<>(rescans.values()), notRetried, selected,
                deadLetters.size() - selected);
    }

    /** Why {@code deadLetter} cannot come back; null when it can. */
    static String whyNotRetryable(DeadLetter deadLetter) {
        if (!"fetch".equals(deadLetter.stage())) {
            return "a " + deadLetter.stage() + " dead letter: the input itself is at fault, a re-send fails the same way";
        }
        String reason = String.valueOf(deadLetter.reason());
        Matcher status = GITHUB_STATUS.matcher(reason);
        if (status.find()) {
            int code = Integer.parseInt(status.group(1));
            if (code >= 400 && code < 500 && code != 401 && code != 403 && code != 429) {
                return "GitHub answered " + code + ", which a retry does not change";
            }
        }
        if (reason.contains("not found at")) {
            return "GitHub no longer has it";
        }
        return null;
    }

    /** The ref a fetch dead letter's raw request names, or null when it names none. */
    static Rescan rescanOf(DeadLetter deadLetter) {
        try {
            JsonNode raw = JSON.readTree(String.valueOf(deadLetter.raw()));
            String repo = raw == null ? "" : raw.path("repo").asText("");
            String ref = raw == null ? "" : raw.path("ref").asText("");
            if (repo.isEmpty() || ref.isEmpty()) {
                return null;
            }
            if (ref.startsWith("refs/heads/")) {
                // a branch may have moved on since: its head is what to scan
                return new Rescan(repo, ref, null);
            }
            // a tag is scanned at the commit it named
            String commit = raw.path("commit").asText("");
            return commit.isEmpty() ? null : new Rescan(repo, ref, commit);
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String raw) {
        String text = String.valueOf(raw).replace('\n', ' ');
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
