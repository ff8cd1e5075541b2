package io.iocstream.match;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The suppressions a run applies, from the job's YAML or a suppressions file (YAML or JSON: a list of entries, or
 * an object whose {@code suppressions} is that list; docs/suppressions.md). Of the suppressions that cover a
 * finding, the one that lasts longest wins. With them, how often a finding they hold is judged again
 * ({@link #recheck()}), so that a suppression removed or shortened at a restart takes effect soon after it.
 */
public final class Suppressions implements Serializable {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** A few minutes: a removed suppression re-opens its findings that soon after the restart, at a timer each. */
    public static final Duration DEFAULT_RECHECK = Duration.ofMinutes(5);

    private final List<Suppression> all;
    private final Duration recheck;

    public Suppressions(List<Suppression> all) {
        this(all, DEFAULT_RECHECK);
    }

    private Suppressions(List<Suppression> all, Duration recheck) {
        if (recheck.isNegative() || recheck.isZero()) {
            throw new IllegalArgumentException("a recheck interval is more than 0, not " + recheck);
        }
        this.all = List.copyOf(all);
        this.recheck = recheck;
    }

    /** The same suppressions, a held finding judged again every {@code interval}. */
    public Suppressions withRecheck(Duration interval) {
        return new Suppressions(all, interval);
    }

    /** How often a held finding is judged again against the suppressions the job has then. */
    public Duration recheck() {
        return recheck;
    }

    public static Suppressions none() {
        return new Suppressions(List.of());
    }

    /**
     * Checks what a user wrote; an entry that cannot be used is a {@link SuppressionException} whose key names it
     * ({@code [2].until}).
     */
    public static Suppressions of(List<SuppressionEntry> entries) {
        List<Suppression> checked = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                if (entries.get(i) == null) {
                    throw new SuppressionException("reason", "an empty entry");
                }
                checked.add(Suppression.of(entries.get(i)));
            } catch (SuppressionException e) {
                throw new SuppressionException("[" + i + "]." + e.key(), e.problem());
            }
        }
        return new Suppressions(checked);
    }

    /** Reads a suppressions file; whatever is wrong with it is one {@link SuppressionException}. */
    public static Suppressions read(Path file) {
        JsonNode tree;
        try {
            tree = YAML.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new SuppressionException(file.toString(), "cannot read: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        JsonNode list = tree != null && tree.isObject() ? tree.get("suppressions") : tree;
        if (list == null || !list.isArray()) {
            throw new SuppressionException(file.toString(), "expected a list of suppressions, or an object whose "
                    + "suppressions is one");
        }
        List<SuppressionEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                entries.add(YAML.treeToValue(list.get(i), SuppressionEntry.class));
            } catch (UnrecognizedPropertyException e) {
                throw new SuppressionException(file + ": [" + i + "]." + e.getPropertyName(),
                        "unknown key (known: finding_id, ioc_id, path, reason, repo, until)");
            } catch (IOException e) {
                throw new SuppressionException(file + ": [" + i + "]", "expected an entry of keys (ioc_id, "
                        + "finding_id, repo, path, reason, until)");
            }
        }
        try {
            return of(entries);
        } catch (SuppressionException e) {
            throw new SuppressionException(file + ": " + e.key(), e.problem());
        }
    }

    /** This set and {@code more}. */
    public Suppressions plus(Suppressions more) {
        List<Suppression> both = new ArrayList<>(all);
        both.addAll(more.all);
        return new Suppressions(both, recheck);
    }

    /** The suppression that covers {@code finding} at {@code now} for longest, if any. */
    public Optional<Suppression> covering(Finding finding, Instant now) {
        Suppression best = null;
        for (Suppression suppression : all) {
            if (suppression.covers(finding, now) && (best == null || lastsLonger(suppression, best))) {
                best = suppression;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean lastsLonger(Suppression a, Suppression b) {
        return b.until() != null && (a.until() == null || a.until().isAfter(b.until()));
    }

    public List<Suppression> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    public int size() {
        return all.size();
    }
}
