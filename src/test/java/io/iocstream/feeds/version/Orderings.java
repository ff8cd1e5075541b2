package io.iocstream.feeds.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Assertions on a scheme's order, shared by the ordering tables, and the ordering fixtures' lines. */
final class Orderings {

    private Orderings() {}

    /**
     * One line of a file of src/test/resources/versions: {@code LEFT OP RIGHT}, {@code OP} one of {@code <},
     * {@code =} and {@code >}, as {@code expected} -1, 0 or 1.
     */
    record FixtureLine(int number, String text, String left, int expected, String right) {}

    /** The comparisons of a versions file; blank lines and {@code #} or {@code //} comments are left out. */
    static List<FixtureLine> fixture(String file) {
        List<FixtureLine> lines = new ArrayList<>();
        try (InputStream in = Orderings.class.getResourceAsStream("/versions/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture versions/" + file);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (text.isBlank() || text.startsWith("#") || text.startsWith("//")) {
                    continue;
                }
                String[] parts = text.split(" ");
                if (parts.length != 3 || !List.of("<", "=", ">").contains(parts[1])) {
                    throw new IllegalArgumentException(file + ":" + number + " is not 'A < B': " + text);
                }
                lines.add(new FixtureLine(number, text, parts[0], "<=>".indexOf(parts[1]) - 1, parts[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** Every version in the list sorts strictly before every later one, in both directions of comparison. */
    static <V extends Comparable<V>> void assertAscending(VersionScheme<V> scheme, List<String> versions) {
        for (int i = 0; i < versions.size(); i++) {
            for (int j = i + 1; j < versions.size(); j++) {
                V lower = scheme.parse(versions.get(i));
                V higher = scheme.parse(versions.get(j));
                assertThat(lower.compareTo(higher)).as("%s < %s", versions.get(i), versions.get(j)).isNegative();
                assertThat(higher.compareTo(lower)).as("%s > %s", versions.get(j), versions.get(i)).isPositive();
            }
        }
    }

    static <V extends Comparable<V>> void assertEqual(VersionScheme<V> scheme, String a, String b) {
        assertThat(scheme.parse(a).compareTo(scheme.parse(b))).as("%s == %s", a, b).isZero();
        assertThat(scheme.parse(b).compareTo(scheme.parse(a))).as("%s == %s", b, a).isZero();
    }
}
