package io.iocstream.match;

import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.WorkflowFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash, file-name, domain and workflow indicators by kind and value: every lookup is a hash lookup (a host
 * is looked up once per label, so {@code a.b.webhook.site} finds {@code webhook.site}).
 */
final class IndicatorIndex {

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

    private int count() {
        return byKind.values().stream().flatMap(byValue -> byValue.values().stream()).mapToInt(List::size).sum();
    }

    /** The indicators that this file, at this path, hits, one {@link Hit} per indicator value. */
    List<Hit> hits(String path, FileFacts facts) {
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
        // hosts come in the order the file first names them, so the first that hits a domain is on its first line
        for (String host : facts.hosts()) {
            for (String suffix = host; ; suffix = suffix.substring(suffix.indexOf('.') + 1)) {
                lookup(Indicator.Kind.DOMAIN, suffix, facts.lineOf(host), found, lines);
                if (suffix.indexOf('.') < 0) {
                    break;
                }
            }
        }
        if (WorkflowFiles.isWorkflow(path)) {
            for (String value : facts.workflowValues()) {
                lookup(Indicator.Kind.WORKFLOW, value, facts.lineOf(value), found, lines);
            }
        }
        List<Hit> hits = new ArrayList<>(found.size());
        for (Map.Entry<String, List<Indicator>> same : found.entrySet()) {
            Indicator first = same.getValue().get(0);
            hits.add(Hit.ofIndicator(first.kind(), first.value(), same.getValue(), lines.get(same.getKey())));
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
