package io.iocstream.redrive;

import io.iocstream.core.DeadLetter;
import java.util.Locale;
import java.util.Set;

/**
 * Which dead letters a re-drive looks at: those of the given stages (all when empty) whose reason contains the given
 * text (any when null), compared without case.
 */
public record Selection(Set<String> stages, String reasonContains) {

    public Selection {
        stages = Set.copyOf(stages);
    }

    public static Selection all() {
        return new Selection(Set.of(), null);
    }

    public boolean matches(DeadLetter deadLetter) {
        if (!stages.isEmpty() && !stages.contains(deadLetter.stage())) {
            return false;
        }
        return reasonContains == null || String.valueOf(deadLetter.reason()).toLowerCase(Locale.ROOT)
                .contains(reasonContains.toLowerCase(Locale.ROOT));
    }
}
