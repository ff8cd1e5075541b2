package io.iocstream.feeds.version;

import static io.iocstream.feeds.version.MavenVersionTest.anyForm;
import static io.iocstream.feeds.version.MavenVersionTest.nullSuffix;
import static io.iocstream.feeds.version.MavenVersionTest.pick;
import static io.iocstream.feeds.version.MavenVersionTest.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The rule a lookup turns a release away by: when an entry's version and a release are the same version, the
 * release's key is the entry's equal-release key. Checked on random versions of every scheme that keeps keys,
 * both ways round, with the generators reaching many pairs that are the same.
 */
class ReleaseKeyTest {

    /**
     * Few numbers, so that many random pairs are the same version spelt two ways; one beyond a long, and one that
     * is 1 written with more digits than a long has.
     */
    private static final String[] NUMBERS = {"0", "0", "1", "1", "01", "00", "99999999999999999999",
        "0000000000000000000001"};

    @Test
    void maven() {
        assertRule(VersionSchemes.MAVEN, random -> switch (random.nextInt(3)) {
            case 0 -> plain(random);
            case 1 -> plain(random) + nullSuffix(random);
            default -> anyForm(random);
        });
    }

    @Test
    void semverSchemes() {
        Function<Random, String> semver = random -> pick(random, new String[] {"", "", "v", "=", " "})
                + dotted(random, 2 + random.nextInt(3))
                + (random.nextInt(4) > 0 ? "" : pick(random, new String[] {"-alpha", "-alpha.1", "-0", "-rc.1", "-1.x"}))
                + pick(random, new String[] {"", "", "+build", "+001", "+incompatible"});
        for (VersionScheme<SemVer> scheme : List.of(VersionSchemes.NPM, VersionSchemes.CRATES, VersionSchemes.GO,
                VersionSchemes.SEMVER)) {
            assertRule(scheme, semver);
        }
    }

    @Test
    void pep440() {
        assertRule(VersionSchemes.PYPI, random -> random.nextInt(3) > 0 ? dotted(random, 1 + random.nextInt(4))
                : pick(random, new String[] {"", "", "0!", "1!"}) + dotted(random, 1 + random.nextInt(4))
                + pick(random, new String[] {"", "", "a1", "b2", "rc1", "c1", "alpha1", "-pre1"})
                + pick(random, new String[] {"", "", ".post1", "-1", ".post0", "post"})
                + pick(random, new String[] {"", "", ".dev0", "dev1"})
                + pick(random, new String[] {"", "", "+local", "+ubuntu.1", "+0"}));
    }

    private static String dotted(Random random, int parts) {
        StringBuilder text = new StringBuilder(pick(random, NUMBERS));
        for (int i = 1; i < parts; i++) {
            text.append('.').append(pick(random, NUMBERS));
        }
        return text.toString();
    }

    private static <V extends Comparable<V>> void assertRule(VersionScheme<V> scheme,
            Function<Random, String> versions) {
        Random random = new Random(440);
        List<String> texts = new ArrayList<>();
        List<V> parsed = new ArrayList<>();
        int keyedFromText = 0;
        while (parsed.size() < 2_000) {
            String text = versions.apply(random);
            V version = VersionSchemes.tryParse(scheme, text);
            // a text keyed without parsing has the key its parse has
            long plain = scheme.plainReleaseKey(text);
            if (plain != VersionScheme.NO_KEYS) {
                assertThat(version).as("%s keyed from its text parses", text).isNotNull();
                assertThat(plain).as("%s keyed from its text", text).isEqualTo(scheme.releaseKey(version));
                keyedFromText++;
            }
            if (version != null) {
                texts.add(text);
                parsed.add(version);
            }
        }
        assertThat(keyedFromText).isGreaterThan(100);
        int sameReleases = 0;
        for (int n = 0; n < 300_000; n++) {
            int kept = random.nextInt(parsed.size());
            int asked = random.nextInt(parsed.size());
            long key = scheme.releaseKey(parsed.get(asked));
            long keptKey = scheme.equalReleaseKey(parsed.get(kept));
            boolean same = scheme.same(parsed.get(kept), parsed.get(asked));
            assertThat(same).as("same(%s, %s) agrees with compareTo", texts.get(kept), texts.get(asked))
                    .isEqualTo(parsed.get(kept).compareTo(parsed.get(asked)) == 0);
            if (key >= 0 && keptKey != VersionScheme.NO_KEYS && keptKey != key) {
                assertThat(same).as("%s turned away by %s's key", texts.get(asked), texts.get(kept)).isFalse();
            }
            sameReleases += same && key >= 0 ? 1 : 0;
        }
        // the generators must reach the case the rule is about: a release the same as another spelling
        assertThat(sameReleases).isGreaterThan(1_000);
    }
}
