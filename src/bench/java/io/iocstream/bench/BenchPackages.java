package io.iocstream.bench;

import io.iocstream.parse.Dependency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Package names and versions for generated files: real, widely used names of each ecosystem, and beyond those
 * the same names with a numeric suffix, so a large file holds many distinct packages spelled as the ecosystem
 * spells them.
 */
public final class BenchPackages {

    public static final List<String> ECOSYSTEMS =
            List.of("npm", "PyPI", "crates.io", "RubyGems", "Go", "Maven", "Packagist", "NuGet");

    private static final Map<String, List<String>> NAMES = Map.of(
            "npm", List.of("react", "lodash", "express", "chalk", "debug", "@babel/core", "@types/node",
                    "typescript", "webpack", "axios", "commander", "semver", "tslib", "@ctrl/tinycolor", "uuid",
                    "minimist", "glob", "yargs", "ms", "supports-color"),
            "PyPI", List.of("requests", "urllib3", "certifi", "idna", "charset-normalizer", "numpy", "pandas",
                    "boto3", "botocore", "pyyaml", "six", "python-dateutil", "typing-extensions", "packaging",
                    "attrs", "jinja2", "click", "pydantic", "cryptography", "litellm"),
            "crates.io", List.of("serde", "serde_json", "syn", "quote", "proc-macro2", "libc", "rand", "tokio",
                    "regex", "memchr", "log", "cfg-if", "itoa", "bitflags", "once_cell"),
            "RubyGems", List.of("rails", "rack", "actionpack", "activesupport", "nokogiri", "json", "i18n",
                    "concurrent-ruby", "minitest", "thor", "rake", "puma"),
            "Go", List.of("github.com/stretchr/testify", "github.com/sirupsen/logrus", "golang.org/x/sys",
                    "golang.org/x/net", "google.golang.org/grpc", "github.com/spf13/cobra", "gopkg.in/yaml.v3",
                    "github.com/google/uuid", "github.com/pkg/errors", "go.uber.org/zap"),
            "Maven", List.of("org.springframework:spring-core", "com.fasterxml.jackson.core:jackson-databind",
                    "com.google.guava:guava", "org.slf4j:slf4j-api", "junit:junit",
                    "org.apache.commons:commons-lang3", "io.netty:netty-handler", "org.yaml:snakeyaml"),
            "Packagist", List.of("symfony/console", "laravel/framework", "guzzlehttp/guzzle", "monolog/monolog",
                    "doctrine/orm", "phpunit/phpunit", "psr/log", "nesbot/carbon"),
            "NuGet", List.of("Newtonsoft.Json", "Serilog", "Microsoft.Extensions.Logging", "AutoMapper",
                    "Dapper", "Polly", "xunit", "FluentValidation"));

    private BenchPackages() {}

    /** The {@code n}th package name of an ecosystem. */
    public static String name(String ecosystem, int n) {
        List<String> names = NAMES.get(ecosystem);
        String base = names.get(n % names.size());
        return n < names.size() ? base : base + "-" + n / names.size();
    }

    /** A version as the ecosystem's files write it (Go keeps its {@code v}). */
    public static String version(String ecosystem, int n) {
        String version = (1 + n % 7) + "." + (n % 13) + "." + (n % 31);
        return ecosystem.equals("Go") ? "v" + version : version;
    }

    /** {@code count} distinct dependencies of one ecosystem. */
    public static List<Dependency> dependencies(String ecosystem, int count) {
        List<Dependency> deps = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            deps.add(new Dependency(ecosystem, name(ecosystem, n), version(ecosystem, n)));
        }
        return deps;
    }
}
