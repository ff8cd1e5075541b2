package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileFormatsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a\n", "a\r\nb", "a\n\nb\r\n", "\r\n", "a\rb\n", "a\r\r\nb", "\n\n"})
    void linesSplitAsTheRegularExpressionDid(String text) {
        assertThat(FileFormats.lines(text)).containsExactly(text.split("\r?\n", -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a b", "a \t b", "golang.org/x/net v0.1.0 h1:abc=", "a\u000Bb\fc"})
    void fieldsSplitAsTheRegularExpressionDid(String text) {
        assertThat(FileFormats.fields(text)).containsExactlyElementsOf(Arrays.asList(text.split("\\s+")));
    }
}
