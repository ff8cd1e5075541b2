package io.iocstream.match;

import io.iocstream.changes.Trigger;
import io.iocstream.feeds.Advisory;
import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.feeds.Severity;
import io.iocstream.feeds.version.RangeEvent;
import io.iocstream.feeds.version.VersionRange;
import io.iocstream.fetch.FileOp;
import io.iocstream.ingest.PushStamp;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values the state-format tests write and read back: every enum constant of the state's records, strings
 * UTF-8 cannot carry, tombstones and empty lists. The bytes each earlier format wrote of them are fixed in
 * {@code StateFormatsTest}; these values must never change, or those bytes stop meaning them.
 */
final class StateSamples {

    private StateSamples() {}

    static final FileFacts FACTS = new FileFacts(List.of(
            new Dependency("npm", "@ctrl/tinycolor", "4.1.1"),
            new Dependency("PyPI", "requests", "2.32.3"),
            new Dependency("npm", "chalk", null)),
            "ab".repeat(32), List.of("webhook.site", "lone-\uD800", "é.example"), List.of("self-hosted"), 2);

    static final List<FileFacts> FILE_FACTS = List.of(FACTS, FileFacts.PATH_ONLY,
            new FileFacts(List.of(), null, List.of(), List.of("shai-hulud")));

    static final Hit PACKAGE_HIT = new Hit(FindingKind.PACKAGE, new Dependency("npm", "chalk", "5.6.1"), null,
            List.of("GHSA-1", "MAL-2025-46969"), Severity.CRITICAL);

    /** A hit of every kind and every severity. */
    static final List<Hit> HITS = List.of(PACKAGE_HIT,
            new Hit(FindingKind.FILE_HASH, null, "cd".repeat(32), List.of("h.csv:2"), Severity.HIGH),
            new Hit(FindingKind.FILE_NAME, null, "bundle.js", List.of("h.csv:3"), Severity.MEDIUM),
            new Hit(FindingKind.DOMAIN, null, "webhook.site", List.of("h.csv:4"), Severity.LOW),
            new Hit(FindingKind.WORKFLOW, null, "shai-hulud", List.of(), Severity.CRITICAL));

    static final List<PathState> PATH_STATES = pathStates();

    private static List<PathState> pathStates() {
        List<PathState> states = new ArrayList<>();
        for (int i = 0; i < HITS.size(); i++) {
            states.add(new PathState(i + 1, "c" + i, FILE_FACTS.get(i % FILE_FACTS.size()), Map.of("id-" + i, HITS.get(i))));
        }
        states.add(new PathState(7, "c7", null, Map.of()));
        states.add(new PathState(Long.MAX_VALUE, null, FACTS, Map.of("a", HITS.get(0), "b", HITS.get(3))));
        return states;
    }

    /**
     * Since the triage fields (FileFacts format 2, PathState 3, InventoryUpdate 3, IocIndex 2): where a file names a
     * dependency, what the feed says, who pushed and when. Earlier formats cannot hold these; they are read back
     * from the formats since, beside the samples above.
     */
    static final PushStamp STAMP = new PushStamp("alice", "alice-bot", "2025-09-08T13:16:00Z");

    static final FileFacts PLACED_FACTS = new FileFacts(List.of(
            new Dependency("npm", "chalk", "5.6.1", 12, Dependency.DEV, Dependency.DIRECT),
            new Dependency("PyPI", "requests", "2.32.3", 300, null, Dependency.TRANSITIVE),
            new Dependency("Go", "example.com/m", "v1.0.0", 0, Dependency.OPTIONAL, null),
            new Dependency("npm", "debug", "4.4.2", 1, Dependency.RUNTIME, null)),
            "ab".repeat(32), List.of("webhook.site", "eu.webhook.site"), List.of("self-hosted"), 0,
            Map.of("webhook.site", 3, "eu.webhook.site", 1_000_000, "self-hosted", 7));

    static final List<FileFacts> FILE_FACTS_SINCE_FIELDS = List.of(PLACED_FACTS);

    static final Hit ADVISED_HIT = new Hit(FindingKind.PACKAGE,
            new Dependency("npm", "chalk", "5.6.1", 12, Dependency.RUNTIME, Dependency.DIRECT), null,
            List.of("MAL-2025-46969"), Severity.CRITICAL, new Advisory("Malicious code in chalk (npm)",
                    List.of("GHSA-2v46-p5h4-248w"), List.of("https://example.com/advisory")), "osv/chalk.json", 12);

    static final List<PathState> PATH_STATES_SINCE_FIELDS = List.of(
            new PathState(9, "c9", PLACED_FACTS, Map.of("x", ADVISED_HIT, "y", new Hit(FindingKind.DOMAIN, null,
                    "webhook.site", List.of("i.csv:2"), Severity.HIGH, Advisory.ofSummary("exfil"), "i.csv", 3)), STAMP),
            new PathState(10, "c10", null, Map.of(), new PushStamp(null, "bot", null)));

    static final List<InventoryUpdate> UPDATES_SINCE_FIELDS = List.of(
            new InventoryUpdate("acme/app", "refs/heads/main", "c1", "web/package-lock.json", Trigger.PUSH, 1, 1,
                    FileOp.CONTENT, PLACED_FACTS, List.of(), STAMP),
            new InventoryUpdate("acme/app", "refs/heads/main", "c2", "", Trigger.BASELINE, 2, 1, FileOp.SNAPSHOT,
                    null, List.of("a"), new PushStamp(null, "Codertocat", "2019-05-15T15:20:33Z")));

    /**
     * Since workflow triggers and repository events (FileFacts format 3, PathState 4, InventoryUpdate 4): a
     * workflow's {@code on:} events and their lines, a repository event's action and description, and a hit of kind
     * {@code repository}.
     */
    static final FileFacts TRIGGERED_FACTS = new FileFacts(List.of(), "cd".repeat(32), List.of(),
            List.of("Discussion Create", "self-hosted"), 0,
            Map.of("Discussion Create", 1, "on:discussion", 2, "self-hosted", 7), List.of("discussion", "push"));

    static final PushStamp REPOSITORY_STAMP = new PushStamp(null, "worm", "2025-11-24T08:00:00Z", "created",
            "Sha1-Hulud: The Second Coming.");

    static final List<FileFacts> FILE_FACTS_SINCE_TRIGGERS = List.of(TRIGGERED_FACTS);

    static final List<PathState> PATH_STATES_SINCE_TRIGGERS = List.of(
            new PathState(11, "c11", TRIGGERED_FACTS, Map.of("w", new Hit(FindingKind.WORKFLOW, null,
                    "on:discussion", List.of("i.csv:5"), Severity.HIGH, Advisory.ofSummary("backdoor"), "i.csv", 2)),
                    STAMP),
            new PathState(12, null, FileFacts.PATH_ONLY, Map.of("r", new Hit(FindingKind.REPOSITORY, null,
                    "shai-hulud", List.of("i.csv:6"), Severity.HIGH, Advisory.ofSummary(""), "i.csv", 0)),
                    REPOSITORY_STAMP));

    static final List<InventoryUpdate> UPDATES_SINCE_TRIGGERS = List.of(
            new InventoryUpdate("acme/app", "refs/heads/main", "c3", ".github/workflows/discussion.yaml",
                    Trigger.PUSH, 3, 1, FileOp.CONTENT, TRIGGERED_FACTS, List.of(), STAMP),
            new InventoryUpdate("acme/shai-hulud", "refs/heads/main", null, "", Trigger.BASELINE, 1, 1,
                    FileOp.EMPTY, null, List.of(), REPOSITORY_STAMP));

    /** The index, and an entry that says what it is. */
    static IocIndex indexSinceFields() {
        IocIndex index = index();
        index.add(new IocEntry("MAL-2025-46969", "npm", "chalk", Set.of("5.6.1"), false, List.of(), false,
                "critical", "osv/chalk.json", new Advisory("Malicious code in chalk (npm)",
                        List.of("GHSA-2v46-p5h4-248w"), List.of("https://example.com/advisory"))));
        return index;
    }

    /** An update of every trigger and every file operation. */
    static final List<InventoryUpdate> UPDATES = updates();

    private static List<InventoryUpdate> updates() {
        List<InventoryUpdate> updates = new ArrayList<>();
        Trigger[] triggers = {Trigger.PUSH, Trigger.BASELINE, Trigger.RETRO_HUNT};
        FileOp[] ops = {FileOp.CONTENT, FileOp.LISTED, FileOp.REMOVED, FileOp.SNAPSHOT, FileOp.REF_DELETED,
            FileOp.FAILED, FileOp.EMPTY};
        for (int i = 0; i < ops.length; i++) {
            FileOp op = ops[i];
            FileFacts facts = op == FileOp.CONTENT || op == FileOp.LISTED || op == FileOp.FAILED
                    ? FILE_FACTS.get(i % FILE_FACTS.size()) : null;
            List<String> present = op == FileOp.SNAPSHOT ? List.of("a/package-lock.json", "b/requirements.txt")
                    : List.of();
            updates.add(new InventoryUpdate("acme/app", "refs/heads/dev-" + i, "c" + i, op == FileOp.SNAPSHOT ? ""
                    : "web/package-lock.json", triggers[i % triggers.length], i + 1, i + 2, op, facts, present));
        }
        return updates;
    }

    /** Entries of every range type and event kind, flags set and not, names filed under another spelling. */
    static final List<IocEntry> ENTRIES = List.of(
            IocEntry.ofVersions("NPM-EXACT", "npm", "left-pad", Set.of("1.2.3"), "critical", "a.csv"),
            new IocEntry("NPM-RANGES", "npm", "two-eras", Set.of("9.9.9"), false, List.of(
                    new VersionRange(VersionRange.Type.SEMVER, List.of(RangeEvent.introduced("1.0.0"),
                            RangeEvent.fixed("1.0.2"))),
                    new VersionRange(VersionRange.Type.ECOSYSTEM, List.of(RangeEvent.introduced("3.0.0"),
                            RangeEvent.lastAffected("3.2.5"), RangeEvent.limit("4.0.0")))),
                    false, "high", "osv/npm"),
            IocEntry.allVersionsOf("MAL-ALL", "npm", "@evil/everything", "critical", "osv/npm"),
            new IocEntry("PYPI-W", "PyPI", "Requests_Fork", Set.of("1.0"), false, true, "low", "osv/pypi"),
            IocEntry.ofVersions("MVN", "Maven", "org.example:lib", Set.of("2.0"), "medium", "a.csv"));

    /** An indicator of every kind. */
    static final List<Indicator> INDICATORS = List.of(
            new Indicator("H-1", Indicator.Kind.FILE_HASH, "ef".repeat(32), "critical", "bundle", false, "i.csv"),
            new Indicator("N-1", Indicator.Kind.FILE_NAME, "bundle.js", "high", "", false, "i.csv"),
            new Indicator("D-1", Indicator.Kind.DOMAIN, "webhook.site", "medium", "exfil", false, "i.csv"),
            new Indicator("W-1", Indicator.Kind.WORKFLOW, "shai-hulud", "low", "", false, "other.csv"));

    static IocIndex index() {
        IocIndex index = new IocIndex();
        ENTRIES.forEach(index::add);
        INDICATORS.forEach(index::add);
        return index;
    }

    /** What an index holds, to compare two: its entries and its indicators. */
    static Set<Object> contents(IocIndex index) {
        Set<Object> contents = new HashSet<>();
        index.packages().values().forEach(byName -> byName.values()
                .forEach(entries -> entries.forEach(indexed -> contents.add(indexed.entry()))));
        index.indicators().byKind().values().forEach(byValue -> byValue.values().forEach(contents::addAll));
        return contents;
    }
}
