package io.iocstream.match;

import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.feeds.Severity;
import io.iocstream.parse.ActionReference;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.HostScanner;
import io.iocstream.parse.IpAddresses;
import io.iocstream.parse.WorkflowFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hash, file-name, domain and workflow indicators by kind and value: every lookup is a hash lookup (a host
 * is looked up once per label, so {@code a.b.webhook.site} finds {@code webhook.site}).
 */
final class IndicatorIndex {

    /** How a {@code repository} indicator names a description rather than a name. */
    static final String DESCRIPTION = "description:";

    // a HashMap, not an EnumMap: Kryo (the benchmark's baseline for IocIndexSerializer) cannot restore an EnumMap
    private final Map<Indicator.Kind, Map<String, List<Indicator>>> byKind;
    private int size;

    IndicatorIndex() {
        this(new HashMap<>());
    }

    /** An index that keeps this map as it is (a restore). */
    IndicatorIndex(Map<Indicator.Kind, Map<String, List<Indicator>>> byKind) {
        this.byKind = byKind;
        size = count();
    }

    /** A structural copy: new maps and lists holding the same indicators, which are immutable. */
    IndicatorIndex copy() {
        Map<Indicator.Kind, Map<String, List<Indicator>>> kinds = new HashMap<>(byKind);
        kinds.replaceAll((kind, byValue) -> {
            Map<String, List<Indicator>> copy = new HashMap<>(byValue);
            copy.replaceAll((value, same) -> new ArrayList<>(same));
            return copy;
        });
        return new IndicatorIndex(kinds);
    }

    /** Indicators by kind, then value; for the serializer to read. */
    Map<Indicator.Kind, Map<String, List<Indicator>>> byKind() {
        return byKind;
    }

    /** Adds an indicator; like {@link IocIndex#add(IocEntry)} it replaces nothing. */
    void add(Indicator indicator) {
        byKind.computeIfAbsent(indicator.kind(), k -> new HashMap<>())
                .computeIfAbsent(indicator.value(), v -> new ArrayList<>(1)).add(sharingStrings(indicator));
        size++;
    }

    /** The indicator holding one copy of the strings that repeat across indicators: severity, description, feed. */
    private static Indicator sharingStrings(Indicator indicator) {
        String severity = IocIndex.intern(indicator.severity());
        String description = IocIndex.intern(indicator.description());
        String feed = IocIndex.intern(indicator.feed());
        if (severity == indicator.severity() && description == indicator.description() && feed == indicator.feed()) {
            return indicator;
        }
        return new Indicator(indicator.id(), indicator.kind(), indicator.value(), severity, description,
                indicator.withdrawn(), feed);
    }

    /** Removes the indicator of the same id, kind and value, if any. */
    void remove(Indicator indicator) {
        List<Indicator> same = byKind.getOrDefault(indicator.kind(), Map.of()).get(indicator.value());
        if (same != null && same.removeIf(known -> known.id().equals(indicator.id()))) {
            size--;
            if (same.isEmpty()) {
                byKind.get(indicator.kind()).remove(indicator.value());
            }
        }
    }

    /** Forgets every indicator read from {@code feed}; whether it held any. */
    boolean removeFeed(String feed) {
        boolean removed = false;
        for (Map<String, List<Indicator>> byValue : byKind.values()) {
            for (List<Indicator> same : byValue.values()) {
                removed |= same.removeIf(indicator -> indicator.feed().equals(feed));
            }
            byValue.values().removeIf(List::isEmpty);
        }
        size = count();
        return removed;
    }

    int size() {
        return size;
    }

    /** Whether any indicator of {@code kind} is held. */
    boolean has(Indicator.Kind kind) {
        Map<String, List<Indicator>> byValue = byKind.get(kind);
        return byValue != null && !byValue.isEmpty();
    }

    private int count() {
        return byKind.values().stream().flatMap(byValue -> byValue.values().stream()).mapToInt(List::size).sum();
    }

    /** The indicators that this file, at this path, hits, one {@link Hit} per indicator value. */
    List<Hit> hits(String path, FileFacts facts) {
        return hits(path, facts, DocumentationPolicy.SAME);
    }

    /**
     * The same, with network indicators (domains, IP addresses) in documentation counted as {@code documentation}
     * says.
     */
    List<Hit> hits(String path, FileFacts facts, DocumentationPolicy documentation) {
        if (size == 0) {
            return List.of();
        }
        Map<String, List<Indicator>> found = new LinkedHashMap<>();
        // the line each hit is first on: a host's or workflow value's; a name or hash is the whole file
        Map<String, Integer> lines = new HashMap<>();
        lookup(Indicator.Kind.FILE_NAME, path, 0, found, lines);
        int slash = path.lastIndexOf('/');
        if (slash >= 0) {
            lookup(Indicator.Kind.FILE_NAME, path.substring(slash + 1), 0, found, lines);
        }
        if (facts.sha256() != null) {
            lookup(Indicator.Kind.FILE_HASH, facts.sha256(), 0, found, lines);
        }
        Map<String, List<Indicator>> network = new LinkedHashMap<>();
        // hosts come in the order the file first names them, so the first that hits a domain is on its first line
        for (String host : facts.hosts()) {
            int line = facts.lineOf(host);
            if (HostScanner.isUrl(host)) {
                lookupUrl(host, line, network, lines);
                continue;
            }
            if (IpAddresses.isAddress(host)) {
                // an address is one value, never a name with parent domains
                lookup(Indicator.Kind.DOMAIN, host, line, network, lines);
                continue;
            }
            for (String suffix = host; ; suffix = suffix.substring(suffix.indexOf('.') + 1)) {
                lookup(Indicator.Kind.DOMAIN, suffix, line, network, lines);
                if (suffix.indexOf('.') < 0) {
                    break;
                }
            }
        }
        boolean inDocumentation = !network.isEmpty() && documentation != DocumentationPolicy.SAME
                && DocumentationPolicy.isDocumentation(path);
        if (!inDocumentation || documentation == DocumentationPolicy.LOW) {
            found.putAll(network);
        }
        for (Dependency dep : facts.dependencies()) {
            if (ActionReference.ECOSYSTEM.equals(dep.ecosystem())) {
                lookupAction(dep, found, lines);
            }
        }
        if (WorkflowFiles.isWorkflow(path)) {
            for (String value : facts.workflowValues()) {
                lookup(Indicator.Kind.WORKFLOW, value, facts.lineOf(value), found, lines);
            }
            lookupTriggers(facts, found, lines);
        }
        List<Hit> hits = new ArrayList<>(found.size());
        for (Map.Entry<String, List<Indicator>> same : found.entrySet()) {
            Indicator first = same.getValue().get(0);
            Hit hit = Hit.ofIndicator(first.kind(), first.value(), same.getValue(), lines.get(same.getKey()));
            hits.add(inDocumentation && network.containsKey(same.getKey()) ? hit.atSeverity(Severity.LOW) : hit);
        }
        return hits;
    }

    /**
     * The action indicators a {@code uses:} reference hits: {@code owner/repo/path@ref} and {@code owner/repo@ref}
     * (a compromised commit or tag is so in every action of its repository), and the same without the ref (every
     * ref of a malicious action).
     */
    private void lookupAction(Dependency uses, Map<String, List<Indicator>> found, Map<String, Integer> lines) {
        String name;
        String ref = ActionReference.normalised(uses.name() + "@" + uses.version());
        name = ref.substring(0, ref.indexOf('@'));
        ref = ref.substring(ref.indexOf('@') + 1);
        String repository = ActionReference.repository(name);
        lookup(Indicator.Kind.ACTION, name + "@" + ref, uses.line(), found, lines);
        lookup(Indicator.Kind.ACTION, name, uses.line(), found, lines);
        if (!repository.equals(name)) {
            lookup(Indicator.Kind.ACTION, repository + "@" + ref, uses.line(), found, lines);
            lookup(Indicator.Kind.ACTION, repository, uses.line(), found, lines);
        }
    }

    /**
     * The workflow indicators that name the workflow's triggers ({@link WorkflowCondition}: {@code on:discussion},
     * {@code on:discussion+runs-on:self-hosted}). They are few, so each is tried; one already hit as a plain value
     * (a workflow named {@code on:discussion}) is hit once.
     */
    private void lookupTriggers(FileFacts facts, Map<String, List<Indicator>> found, Map<String, Integer> lines) {
        if (facts.workflowTriggers().isEmpty() || !has(Indicator.Kind.WORKFLOW)) {
            return;
        }
        for (String value : byKind.get(Indicator.Kind.WORKFLOW).keySet()) {
            WorkflowCondition condition = WorkflowCondition.of(value);
            if (condition != null && condition.holds(facts)
                    && !found.containsKey(Indicator.Kind.WORKFLOW + ":" + value)) {
                lookup(Indicator.Kind.WORKFLOW, value, condition.line(facts), found, lines);
            }
        }
    }

    /**
     * The URL indicators a URL of the file ({@code host/path}) hits: those equal to it up to a boundary of its path
     * ({@code /}, {@code ?}, {@code &}, {@code #}, {@code =}) or whole, so {@code api.github.com/search/commits?q=x}
     * hits {@code https://api.github.com/search/commits?q=x&sort=y} but never {@code api.github.com/repos}.
     */
    private void lookupUrl(String url, int line, Map<String, List<Indicator>> found, Map<String, Integer> lines) {
        if (!byKind.containsKey(Indicator.Kind.URL)) {
            return;
        }
        for (int i = url.indexOf('/') + 1; i < url.length(); i++) {
            if ("/?&#=".indexOf(url.charAt(i)) >= 0) {
                lookup(Indicator.Kind.URL, url.substring(0, i), line, found, lines);
            }
        }
        lookup(Indicator.Kind.URL, url, line, found, lines);
    }

    /**
     * The ref indicators a branch's ref hits: the full ref ({@code refs/heads/shai-hulud}) or its short name
     * ({@code shai-hulud}, a branch or a tag of that name).
     */
    List<Hit> refHits(String ref) {
        if (!has(Indicator.Kind.REF)) {
            return List.of();
        }
        Map<String, List<Indicator>> found = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        lookup(Indicator.Kind.REF, ref, 0, found, lines);
        for (String prefix : List.of("refs/heads/", "refs/tags/")) {
            if (ref.startsWith(prefix)) {
                lookup(Indicator.Kind.REF, ref.substring(prefix.length()), 0, found, lines);
            }
        }
        List<Hit> hits = new ArrayList<>(found.size());
        for (List<Indicator> same : found.values()) {
            hits.add(Hit.ofIndicator(Indicator.Kind.REF, same.get(0).value(), same, 0));
        }
        return hits;
    }

    /**
     * The repository indicators a repository hits, as a repository event shows it: its {@code owner/name} or name
     * ({@code shai-hulud}), and {@code description:TEXT} for its description, each compared case-insensitively.
     */
    List<Hit> repositoryHits(String repo, String description) {
        if (!has(Indicator.Kind.REPOSITORY)) {
            return List.of();
        }
        Map<String, List<Indicator>> found = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        String fullName = repo.toLowerCase(Locale.ROOT);
        lookup(Indicator.Kind.REPOSITORY, fullName, 0, found, lines);
        lookup(Indicator.Kind.REPOSITORY, fullName.substring(fullName.indexOf('/') + 1), 0, found, lines);
        if (description != null && !description.isBlank()) {
            lookup(Indicator.Kind.REPOSITORY, DESCRIPTION + description.strip().toLowerCase(Locale.ROOT), 0, found,
                    lines);
        }
        List<Hit> hits = new ArrayList<>(found.size());
        for (List<Indicator> same : found.values()) {
            hits.add(Hit.ofIndicator(Indicator.Kind.REPOSITORY, same.get(0).value(), same, 0));
        }
        return hits;
    }

    private void lookup(Indicator.Kind kind, String value, int line, Map<String, List<Indicator>> found,
            Map<String, Integer> lines) {
        List<Indicator> hit = byKind.getOrDefault(kind, Map.of()).get(value);
        if (hit != null) {
            for (Indicator indicator : hit) {
                if (!indicator.withdrawn()) {
                    String key = kind + ":" + value;
                    found.computeIfAbsent(key, k -> new ArrayList<>()).add(indicator);
                    lines.putIfAbsent(key, line);
                }
            }
        }
    }
}
