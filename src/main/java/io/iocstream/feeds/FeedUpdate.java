package io.iocstream.feeds;

import io.iocstream.core.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the IOC feed stream tells the matcher: a batch of package entries and indicators, that the initial feeds
 * are fully loaded (events wait for this, so a push is never judged against a half-loaded index), a batch to
 * apply only once every event has been processed (a replay's {@code iocs-later/}), or a feed row that could not
 * be read. A batch is hunted in every inventory in one pass, so a feed file of ten thousand new entries costs
 * one retro hunt, not ten thousand.
 *
 * <p>A batch read from a feed file that was read before {@code replaces} that file: its earlier entries leave the
 * index and the batch's entries take their place, so an edited list loses the lines taken out of it. A deleted
 * feed file is an empty batch that replaces it. The findings that lost their entries are judged again only at
 * the {@code complete} batch of a read, the last of its batches, so a file of many batches is judged against all
 * of its entries, not the first batch's.
 *
 * <p>Dead letters travel in the feed stream so that their order with the entries is kept, and the pipeline splits
 * them off to the dead-letter output before the broadcast: they never reach the matcher. So do the counts of
 * entries a read left out because iocstream does not match their ecosystem, which become feed metrics there.
 *
 * @param replaces    the feed file whose earlier entries this batch replaces, or null
 * @param complete    whether this is the last batch of what one read of a feed gave
 * @param unsupported for {@link Type#UNSUPPORTED_ENTRIES}: entries left out per OSV ecosystem name
 */
public record FeedUpdate(Type type, List<IocEntry> entries, List<Indicator> indicators, String replaces,
        boolean complete, DeadLetter deadLetter, Map<String, Integer> unsupported) {

    /** Batches stay below this many entries, so one record never carries a whole feed of millions. */
    public static final int MAX_BATCH = 10_000;

    /** Which kind of update this is. */
    public enum Type {
        /** {@link #entries()} and {@link #indicators()} to apply now. */
        ENTRIES,
        /** No component: every initial feed is in. */
        INITIAL_LOAD_DONE,
        /** {@link #entries()} and {@link #indicators()} to apply once every event is processed. */
        DEFERRED_ENTRIES,
        /** {@link #deadLetter()}: a feed row or file that could not be read. */
        DEAD_LETTER,
        /** {@link #unsupported()}: entries of ecosystems iocstream does not match, left out of a read. */
        UNSUPPORTED_ENTRIES
    }

    public FeedUpdate {
        entries = entries == null ? List.of() : List.copyOf(entries);
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        unsupported = unsupported == null ? Map.of() : Map.copyOf(unsupported);
    }

    /** An update that counts no unsupported entries. */
    public FeedUpdate(Type type, List<IocEntry> entries, List<Indicator> indicators, String replaces, boolean complete,
            DeadLetter deadLetter) {
        this(type, entries, indicators, replaces, complete, deadLetter, Map.of());
    }

    public static FeedUpdate entry(IocEntry entry) {
        return new FeedUpdate(Type.ENTRIES, List.of(entry), List.of(), null, true, null);
    }

    public static FeedUpdate indicator(Indicator indicator) {
        return new FeedUpdate(Type.ENTRIES, List.of(), List.of(indicator), null, true, null);
    }

    public static FeedUpdate deferred(IocEntry entry) {
        return new FeedUpdate(Type.DEFERRED_ENTRIES, List.of(entry), List.of(), null, true, null);
    }

    public static FeedUpdate deferredIndicator(Indicator indicator) {
        return new FeedUpdate(Type.DEFERRED_ENTRIES, List.of(), List.of(indicator), null, true, null);
    }

    public static FeedUpdate deadLetter(DeadLetter deadLetter) {
        return new FeedUpdate(Type.DEAD_LETTER, List.of(), List.of(), null, false, deadLetter);
    }

    public static FeedUpdate unsupported(Map<String, Integer> byEcosystem) {
        return new FeedUpdate(Type.UNSUPPORTED_ENTRIES, List.of(), List.of(), null, false, null, byEcosystem);
    }

    public static FeedUpdate initialLoadDone() {
        return new FeedUpdate(Type.INITIAL_LOAD_DONE, List.of(), List.of(), null, false, null);
    }

    /**
     * What a feed directory or file held, as updates: its entries and indicators in batches of at most
     * {@link #MAX_BATCH}, then its dead letters, then the count of its entries of unsupported ecosystems (if any).
     * {@code replaces} names the feed file the first batch replaces
     * (null for a first read); with it, even an empty read gives one batch, so the file's old entries go.
     */
    public static List<FeedUpdate> of(FeedDirectory.Result read, boolean deferred, String replaces) {
        Type type = deferred ? Type.DEFERRED_ENTRIES : Type.ENTRIES;
        List<FeedUpdate> updates = new ArrayList<>();
        List<IocEntry> packages = read.packages();
        List<Indicator> indicators = read.indicators();
        for (int p = 0, i = 0; p < packages.size() || i < indicators.size() || (replaces != null && updates.isEmpty()); ) {
            int morePackages = Math.min(MAX_BATCH, packages.size() - p);
            int moreIndicators = Math.min(MAX_BATCH - morePackages, indicators.size() - i);
            p += morePackages;
            i += moreIndicators;
            updates.add(new FeedUpdate(type, packages.subList(p - morePackages, p),
                    indicators.subList(i - moreIndicators, i), updates.isEmpty() ? replaces : null,
                    p == packages.size() && i == indicators.size(), null));
        }
        read.deadLetters().forEach(deadLetter -> updates.add(deadLetter(deadLetter)));
        if (!read.unsupported().isEmpty()) {
            updates.add(unsupported(read.unsupported()));
        }
        return updates;
    }

    /** How many entries and indicators the update carries. */
    public int size() {
        return entries.size() + indicators.size();
    }

    /** The feed files an update came from, for a dead letter's origin. */
    public String origin() {
        Set<String> files = new TreeSet<>();
        if (replaces != null) {
            files.add(replaces);
        }
        entries.forEach(entry -> files.add(String.valueOf(entry.feed())));
        indicators.forEach(indicator -> files.add(String.valueOf(indicator.feed())));
        if (files.isEmpty()) {
            return "feed update " + type;
        }
        List<String> first = files.stream().limit(3).toList();
        String more = files.size() > first.size() ? " and " + (files.size() - first.size()) + " more" : "";
        return String.join(", ", first) + more;
    }
}
