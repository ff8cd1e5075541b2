package io.iocstream.parse;

import static io.iocstream.parse.Fixtures.assertRejected;
import static io.iocstream.parse.Fixtures.lockfile;
import static io.iocstream.parse.Fixtures.parseAll;
import static io.iocstream.parse.Fixtures.skippedIn;
import static io.iocstream.parse.Fixtures.truncated;
import static io.iocstream.parse.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GemfileLockParserTest {

    private final GemfileLockParser parser = new GemfileLockParser();

    @Test
    void readsEverySpecOfARailsApp() throws Exception {
        assertThat(parseAll(parser, lockfile("gemfile/Gemfile.lock")))
                .contains(
                        new Dependency("RubyGems", "actioncable", "7.0.2.2"),
                        new Dependency("RubyGems", "actionmailbox", "7.0.2.2"),
                        new Dependency("RubyGems", "actionmailer", "7.0.2.2"),
                        new Dependency("RubyGems", "zeitwerk", "2.5.4"))
                .hasSize(46)
                .allSatisfy(dependency -> assertThat(dependency.name()).isNotEqualTo("bundler"));
    }

    @Test
    void dropsThePlatformFromAPlatformSpecificGem() throws Exception {
        assertThat(parseAll(parser, lockfile("gemfile/Gemfile.lock")))
                .contains(new Dependency("RubyGems", "nokogiri", "1.13.3"))
                .noneMatch(dependency -> dependency.version().contains("linux"));
    }

    @Test
    void readsOnlyTheGemSections() throws Exception {
        String lock = """
                GIT
                  remote: https://github.com/example/forked.git
                  revision: 0123456789abcdef
                  specs:
                    forked (1.0.0)

                PATH
                  remote: engines/local
                  specs:
                    local (0.1.0)
                      rake

                GEM
                  remote: https://rubygems.org/
                  specs:
                    rake (13.1.0)
                    ffi (1.16.3-arm64-darwin)

                PLATFORMS
                  arm64-darwin

                DEPENDENCIES
                  forked!
                  local!
                """;
        assertThat(parseAll(parser, utf8(lock))).containsExactly(
                new Dependency("RubyGems", "rake", "13.1.0"),
                new Dependency("RubyGems", "ffi", "1.16.3"));
    }

    @Test
    void handlesGemfileLockAndGemsLocked() {
        assertThat(parser.handles("Gemfile.lock")).isTrue();
        assertThat(parser.handles("app/gems.locked")).isTrue();
        assertThat(parser.handles("Gemfile")).isFalse();
        assertThat(parser.handles("vendor/bundle/ruby/3.2.0/gems/x/Gemfile.lock")).isFalse();
    }

    @Test
    void rejectsWhatIsNoGemfileLock() {
        assertRejected(parser, new byte[0]);
        assertRejected(parser, lockfile("nuget/packages.lock.json"));
    }

    @Test
    void aMalformedSpecIsSkippedAndTheOthersAreRead() throws Exception {
        assertThat(skippedIn(parser, truncated("gemfile/Gemfile.lock", 2567)))
                .containsExactly("line 104: Gemfile.lock: malformed spec");
        byte[] stray = utf8("GEM\n  specs:\n    rake (13.0.6)\nnot a header\n    rack (2.2.4\n    thor (1.2.1)\n");
        assertThat(skippedIn(parser, stray)).containsExactly("line 4: Gemfile.lock: not a section header",
                "line 5: Gemfile.lock: malformed spec");
        assertThat(parser.parse(stray, new SkippedEntries())).extracting(Dependency::identity).containsExactly(
                new Dependency("RubyGems", "rake", "13.0.6"), new Dependency("RubyGems", "thor", "1.2.1"));
    }
}
