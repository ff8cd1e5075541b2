package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    @ParameterizedTest
    @ValueSource(strings = {"", "name==1.0\n", "caf\u00e9 \u4e2d\u6587 \ud83d\ude00", "a real \uFFFD replacement",
        "\uFEFFafter a BOM", "\uFEFF"})
    void decodesUtf8AsItWasWrittenWithoutALeadingBom(String text) throws Exception {
        String expected = text.startsWith("\uFEFF") ? text.substring(1) : text;
        assertThat(FileFormats.text(text.getBytes(StandardCharsets.UTF_8), "test")).isEqualTo(expected);
    }

    @Test
    void rejectsWhatIsNotUtf8TextWhereverItIs() {
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[] {(byte) 0xc3, (byte) 0x28});                       // a lead byte without its continuation
        bad.add(new byte[] {'a', (byte) 0x80, 'b'});                           // a lone continuation byte
        bad.add(new byte[] {(byte) 0xc0, (byte) 0xaf});                       // an overlong '/'
        bad.add(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});          // an encoded surrogate
        bad.add(new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbd, (byte) 0xff}); // a real U+FFFD, then 0xff
        bad.add(new byte[] {'a', 0, 'b'});                                      // binary
        for (byte[] content : bad) {
            assertThatThrownBy(() -> FileFormats.text(content, "test")).as(Arrays.toString(content))
                    .isInstanceOf(DependencyFileException.class).hasMessageStartingWith("test: ");
        }
    }
}
