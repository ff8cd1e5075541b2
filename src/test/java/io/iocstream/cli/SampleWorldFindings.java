package io.iocstream.cli;

import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.match.Finding;
import java.util.List;
import org.assertj.core.groups.Tuple;

/** The findings every run over the bundled sample world must make, whichever source feeds it the events. */
final class SampleWorldFindings {

    static final String S1 = "a410548e04ec054d4ce326043a91998461fa710e";
    static final String S2 = "eacb9d8e845c478d0cf2cd9c84aebcf11e2b1188";
    static final String S3 = "3ef98a9b22af6ad2651e480e47e9ed4c39802c59";
    static final String P2 = "1c61293d1f5147712b6d331666e2b14427a26238";
    static final String P3 = "682e67ecbb57e018482e68db02b7532c49dcf71c";
    static final String L1 = "ea625984968645813814330d394eb849e954a263";

    /** What {@link #EXPECTED} lists of each finding. */
    static Tuple fields(Finding f) {
        return tuple(f.status(), f.trigger(), f.repo(), f.ref(), f.commit(), f.path(), f.packageName(), f.version(),
                f.iocIds());
    }

    static final List<Tuple> EXPECTED = List.of(
            tuple("open", "baseline", "acme/storefront", "refs/heads/main", S1, "package-lock.json",
                    "chalk", "5.6.1", List.of("MAL-2025-46969")),
            tuple("open", "push", "acme/payments-api", "refs/heads/main", P2, "package-lock.json",
                    "debug", "4.4.2", List.of("MAL-2025-46974")),
            tuple("resolved", "push", "acme/storefront", "refs/heads/main", S2, "package-lock.json",
                    "chalk", "5.6.1", List.of("MAL-2025-46969")),
            tuple("open", "baseline", "acme/storefront", "refs/heads/feature/legacy-colors", S3,
                    "package-lock.json", "chalk", "5.6.1", List.of("MAL-2025-46969")),
            tuple("resolved", "push", "acme/storefront", "refs/heads/feature/legacy-colors", S3,
                    "package-lock.json", "chalk", "5.6.1", List.of("MAL-2025-46969")),
            tuple("open", "retro_hunt", "acme/payments-api", "refs/heads/main", P3,
                    "services/ui/package-lock.json", "@ctrl/tinycolor", "4.1.0", List.of("MAL-2025-47141")),
            tuple("open", "baseline", "acme/legacy-tools", "refs/heads/main", L1,
                    ".github/workflows/discussion.yaml", null, null, List.of("SHAI-HULUD-RUNNER")),
            tuple("open", "baseline", "acme/legacy-tools", "refs/heads/main", L1,
                    ".github/workflows/discussion.yaml", null, null, List.of("SHAI-HULUD-EXFIL")));

    private SampleWorldFindings() {}
}
