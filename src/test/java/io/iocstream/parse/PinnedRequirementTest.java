package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples from PEP 508 and PEP 440; the random strings are built from the grammar's own characters. */
class PinnedRequirementTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "requests==2.31.0                              | requests        | 2.31.0",
        "requests [security,socks] == 2.31.0           | requests        | 2.31.0",
        "zope.interface==6.2                           | zope.interface  | 6.2",
        "legacy-thing===1.0-custom                     | legacy-thing    | 1.0-custom",
        "attrs === 23.2.0                              | attrs           | 23.2.0",
        "old-style (==1.0.2)                           | old-style       | 1.0.2",
        "PyQt5==5.15.10 ; sys_platform == 'linux'      | PyQt5           | 5.15.10",
        "name==1!2.0.post1+local_7                     | name            | 1!2.0.post1+local_7",
        "weird===1.0,<2                                | weird           | '1.0,<2'",
    })
    void readsPins(String requirement, String name, String version) {
        assertThat(PinnedRequirement.parse(requirement)).contains(new PinnedRequirement(name, version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"requests", "requests>=2.0", "click==8.*", "a==1.0,<2", "name @ https://x/y.whl",
        "name==1.0 @ x", "-name==1.0", "name-==1.0", "name[extra==1.0", "name ==", "name === ", "name == 1 2",
        "name ~=1.0", "name!=1.0", "==1.0", "", "   ", "name===1 2", "na(me==1.0"})
    void rejectsWhatIsNotOnePin(String requirement) {
        assertThat(PinnedRequirement.parse(requirement)).isEmpty();
    }

    /** The grammar as a regular expression, as this class once read it: the hand-written reader must agree. */
    private static final Pattern REFERENCE = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[[^\\]]*\\])?\\s*"
                    + "(?:(===)\\s*(\\S+)|==\\s*([A-Za-z0-9.+!_-]+))");

    private static Optional<PinnedRequirement> reference(String requirement) {
        int marker = requirement.indexOf(';');
        String spec = (marker >= 0 ? requirement.substring(0, marker) : requirement).strip();
        if (spec.contains("@")) {
            return Optional.empty();
        }
        spec = spec.replace("(", " ").replace(")", " ").strip();
        Matcher pin = REFERENCE.matcher(spec);
        if (!pin.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PinnedRequirement(pin.group(1), pin.group(2) != null ? pin.group(3) : pin.group(4)));
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomRequirements() {
        String[] pieces = {"a", "Z", "9", "req", "zope.interface", "-", "_", ".", "=", "==", "===", " ", "\t", "(",
            ")", "[", "]", "[extra]", ";", "@", "*", ",", "<", "!", "+", "1.0", "2!3.4", "\u2003", "\u001c", "~"};
        Random random = new Random(508);
        int pins = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder requirement = new StringBuilder();
            for (int n = random.nextInt(8); n >= 0; n--) {
                requirement.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = requirement.toString();
            Optional<PinnedRequirement> expected = reference(text);
            assertThat(PinnedRequirement.parse(text)).as(text).isEqualTo(expected);
            pins += expected.isPresent() ? 1 : 0;
        }
        // the strings must reach the pin branches, not only the rejections
        assertThat(pins).isGreaterThan(1_000);
    }
}
