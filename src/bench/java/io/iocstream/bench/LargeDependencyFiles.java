package io.iocstream.bench;

import io.iocstream.parse.Dependency;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Large dependency files of every format the parsers read, written in each format's real layout (as the tool
 * that writes it lays it out: fields, hashes, nested dependency lists), with many packages.
 */
public final class LargeDependencyFiles {

    /** How the baseline reads the same bytes. */
    public enum Baseline { JSON_TREE, JSONC_TREE, YAML_TREE, TOML_TREE, XML_EVENTS, CSV_ROWS }

    /**
     * One format: a label, a path the parser recognises, its ecosystem, its baseline, and a writer. Manifests
     * (package.json, pyproject.toml, go.mod, pom.xml) list direct dependencies only; they are capped at
     * {@link #MANIFEST_PACKAGES}, already more than any real one holds, instead of being scaled to megabytes.
     */
    public record Format(String label, String path, String ecosystem, Baseline baseline,
            Function<List<Dependency>, String> writer) {

        public boolean manifest() {
            return List.of("package.json", "pyproject.toml", "go.mod", "pom.xml").contains(path);
        }
    }

    public static final int MANIFEST_PACKAGES = 2_000;

    public static final List<Format> FORMATS = List.of(
            new Format("package-lock.json v3", "package-lock.json", "npm", Baseline.JSON_TREE,
                    LargeDependencyFiles::packageLockV3),
            new Format("package-lock.json v1", "package-lock.json", "npm", Baseline.JSON_TREE,
                    LargeDependencyFiles::packageLockV1),
            new Format("package.json", "package.json", "npm", Baseline.JSON_TREE, LargeDependencyFiles::packageJson),
            new Format("yarn.lock classic", "yarn.lock", "npm", Baseline.CSV_ROWS, LargeDependencyFiles::yarnClassic),
            new Format("yarn.lock berry", "yarn.lock", "npm", Baseline.YAML_TREE, LargeDependencyFiles::yarnBerry),
            new Format("pnpm-lock.yaml v9", "pnpm-lock.yaml", "npm", Baseline.YAML_TREE, LargeDependencyFiles::pnpmV9),
            new Format("bun.lock", "bun.lock", "npm", Baseline.JSONC_TREE, LargeDependencyFiles::bunLock),
            new Format("requirements.txt", "requirements.txt", "PyPI", Baseline.CSV_ROWS,
                    LargeDependencyFiles::requirements),
            new Format("Pipfile.lock", "Pipfile.lock", "PyPI", Baseline.JSON_TREE, LargeDependencyFiles::pipfileLock),
            new Format("poetry.lock", "poetry.lock", "PyPI", Baseline.TOML_TREE, LargeDependencyFiles::poetryLock),
            new Format("uv.lock", "uv.lock", "PyPI", Baseline.TOML_TREE, LargeDependencyFiles::uvLock),
            new Format("pdm.lock", "pdm.lock", "PyPI", Baseline.TOML_TREE, LargeDependencyFiles::pdmLock),
            new Format("pyproject.toml", "pyproject.toml", "PyPI", Baseline.TOML_TREE, LargeDependencyFiles::pyproject),
            new Format("Gemfile.lock", "Gemfile.lock", "RubyGems", Baseline.CSV_ROWS,
                    LargeDependencyFiles::gemfileLock),
            new Format("composer.lock", "composer.lock", "Packagist", Baseline.JSON_TREE,
                    LargeDependencyFiles::composerLock),
            new Format("go.mod", "go.mod", "Go", Baseline.CSV_ROWS, LargeDependencyFiles::goMod),
            new Format("go.sum", "go.sum", "Go", Baseline.CSV_ROWS, LargeDependencyFiles::goSum),
            new Format("Cargo.lock", "Cargo.lock", "crates.io", Baseline.TOML_TREE, LargeDependencyFiles::cargoLock),
            new Format("pom.xml", "pom.xml", "Maven", Baseline.XML_EVENTS, LargeDependencyFiles::pomXml),
            new Format("gradle.lockfile", "gradle.lockfile", "Maven", Baseline.CSV_ROWS,
                    LargeDependencyFiles::gradleLockfile),
            new Format("packages.lock.json", "packages.lock.json", "NuGet", Baseline.JSON_TREE,
                    LargeDependencyFiles::nugetLock),
            new Format("CycloneDX bom.json", "bom.json", "npm", Baseline.JSON_TREE, LargeDependencyFiles::cycloneDx),
            new Format("SPDX .spdx.json", "app.spdx.json", "npm", Baseline.JSON_TREE, LargeDependencyFiles::spdx));

    private LargeDependencyFiles() {}

    static String packageLockV3(List<Dependency> deps) {
        StringBuilder out = new StringBuilder();
        out.append("{\n  \"name\": \"bench-app\",\n  \"version\": \"1.0.0\",\n  \"lockfileVersion\": 3,\n"
                + "  \"requires\": true,\n  \"packages\": {\n    \"\": {\n      \"name\": \"bench-app\",\n"
                + "      \"version\": \"1.0.0\",\n      \"dependencies\": {\n");
        for (int i = 0; i < Math.min(20, deps.size()); i++) {
            out.append("        \"").append(deps.get(i).name()).append("\": \"^").append(deps.get(i).version())
                    .append(i + 1 < Math.min(20, deps.size()) ? "\",\n" : "\"\n");
        }
        out.append("      }\n    }");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append(",\n    \"node_modules/").append(dep.name()).append("\": {\n")
                    .append("      \"version\": \"").append(dep.version()).append("\",\n")
                    .append("      \"resolved\": \"").append(npmTarball(dep)).append("\",\n")
                    .append("      \"integrity\": \"sha512-").append(base64(i, 86)).append("==\",\n");
            if (i % 3 == 0) {
                out.append("      \"dev\": true,\n");
            }
            out.append("      \"license\": \"MIT\",\n      \"dependencies\": {\n");
            appendRequires(out, deps, i, LargeDependencyFiles::jsonRequire);
            out.append("      },\n      \"engines\": {\n        \"node\": \">=14\"\n      }\n    }");
        }
        return out.append("\n  }\n}\n").toString();
    }

    static String packageLockV1(List<Dependency> deps) {
        StringBuilder out = new StringBuilder();
        out.append("{\n  \"name\": \"bench-app\",\n  \"version\": \"1.0.0\",\n  \"lockfileVersion\": 1,\n"
                + "  \"requires\": true,\n  \"dependencies\": {");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    \"").append(dep.name()).append("\": {\n")
                    .append("      \"version\": \"").append(dep.version()).append("\",\n")
                    .append("      \"resolved\": \"").append(npmTarball(dep)).append("\",\n")
                    .append("      \"integrity\": \"sha512-").append(base64(i, 86)).append("==\",\n")
                    .append("      \"requires\": {\n");
            appendRequires(out, deps, i, LargeDependencyFiles::jsonRequire);
            out.append("      }\n    }");
        }
        return out.append("\n  }\n}\n").toString();
    }

    static String packageJson(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("{\n  \"name\": \"bench-app\",\n  \"private\": true,\n"
                + "  \"scripts\": {\n    \"build\": \"tsc -p .\",\n    \"test\": \"jest\"\n  },\n");
        int half = deps.size() / 2;
        out.append("  \"dependencies\": {\n");
        appendPinned(out, deps.subList(0, half));
        out.append("  },\n  \"devDependencies\": {\n");
        appendPinned(out, deps.subList(half, deps.size()));
        return out.append("  }\n}\n").toString();
    }

    private static void appendPinned(StringBuilder out, List<Dependency> deps) {
        for (int i = 0; i < deps.size(); i++) {
            out.append("    \"").append(deps.get(i).name()).append("\": \"").append(deps.get(i).version())
                    .append(i + 1 < deps.size() ? "\",\n" : "\"\n");
        }
    }

    static String yarnClassic(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n"
                + "# yarn lockfile v1\n\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            String key = quotedIfScoped(dep.name() + "@^" + dep.version());
            out.append('\n').append(key).append(":\n")
                    .append("  version \"").append(dep.version()).append("\"\n")
                    .append("  resolved \"").append(npmTarball(dep).replace("registry.npmjs.org",
                            "registry.yarnpkg.com")).append('#').append(hex(i, 40)).append("\"\n")
                    .append("  integrity sha512-").append(base64(i, 86)).append("==\n")
                    .append("  dependencies:\n");
            appendRequires(out, deps, i, (req, last) -> "    " + quotedIfScoped(req.name()) + " \"^" + req.version()
                    + "\"");
        }
        return out.toString();
    }

    static String yarnBerry(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("# This file is generated by running \"yarn install\" inside your "
                + "project.\n# Manual changes might be lost - proceed with caution!\n\n__metadata:\n  version: 8\n"
                + "  cacheKey: 10c0\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append("\n\"").append(dep.name()).append("@npm:^").append(dep.version()).append("\":\n")
                    .append("  version: ").append(dep.version()).append('\n')
                    .append("  resolution: \"").append(dep.name()).append("@npm:").append(dep.version())
                    .append("\"\n  dependencies:\n");
            appendRequires(out, deps, i, (req, last) -> "    " + quotedIfScoped(req.name()) + ": \"npm:^"
                    + req.version() + "\"");
            out.append("  checksum: 10c0/").append(hex(i, 128)).append('\n')
                    .append("  languageName: node\n  linkType: hard\n");
        }
        return out.toString();
    }

    static String pnpmV9(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n"
                + "  excludeLinksFromLockfile: false\n\nimporters:\n\n  .:\n    dependencies:\n");
        for (int i = 0; i < Math.min(20, deps.size()); i++) {
            Dependency dep = deps.get(i);
            out.append("      ").append(yamlKey(dep.name())).append(":\n        specifier: ^").append(dep.version())
                    .append("\n        version: ").append(dep.version()).append('\n');
        }
        out.append("\npackages:\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append("\n  ").append(yamlKey(dep.name() + "@" + dep.version())).append(":\n")
                    .append("    resolution: {integrity: sha512-").append(base64(i, 86)).append("==}\n")
                    .append("    engines: {node: '>=14'}\n");
        }
        out.append("\nsnapshots:\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append("\n  ").append(yamlKey(dep.name() + "@" + dep.version())).append(":\n    dependencies:\n");
            for (int r = 1; r <= 3; r++) {
                Dependency req = deps.get((i + r * 7) % deps.size());
                out.append("      ").append(yamlKey(req.name())).append(": ").append(req.version()).append('\n');
            }
        }
        return out.toString();
    }

    static String bunLock(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("{\n  \"lockfileVersion\": 1,\n  \"workspaces\": {\n    \"\": {\n"
                + "      \"name\": \"bench-app\",\n      \"dependencies\": {\n");
        for (int i = 0; i < Math.min(20, deps.size()); i++) {
            out.append("        \"").append(deps.get(i).name()).append("\": \"^").append(deps.get(i).version())
                    .append("\",\n");
        }
        out.append("      },\n    },\n  },\n  \"packages\": {\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            Dependency req = deps.get((i + 7) % deps.size());
            out.append("    \"").append(dep.name()).append("\": [\"").append(dep.name()).append('@')
                    .append(dep.version()).append("\", \"\", { \"dependencies\": { \"").append(req.name())
                    .append("\": \"^").append(req.version()).append("\" } }, \"sha512-").append(base64(i, 86))
                    .append("==\"],\n\n");
        }
        return out.append("  }\n}\n").toString();
    }

    static String requirements(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("#\n# This file is autogenerated by pip-compile with Python 3.12\n"
                + "# by the following command:\n#\n#    pip-compile --generate-hashes requirements.in\n#\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append(dep.name()).append("==").append(dep.version()).append(" \\\n")
                    .append("    --hash=sha256:").append(hex(i, 64)).append(" \\\n")
                    .append("    --hash=sha256:").append(hex(i + 1, 64)).append('\n')
                    .append("    # via ").append(deps.get((i + 7) % deps.size()).name()).append('\n');
        }
        return out.toString();
    }

    static String pipfileLock(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("{\n    \"_meta\": {\n        \"hash\": {\n            \"sha256\": \"")
                .append(hex(0, 64)).append("\"\n        },\n        \"pipfile-spec\": 6,\n        \"requires\": {\n"
                        + "            \"python_version\": \"3.12\"\n        },\n        \"sources\": [\n"
                        + "            {\n                \"name\": \"pypi\",\n"
                        + "                \"url\": \"https://pypi.org/simple\",\n"
                        + "                \"verify_ssl\": true\n            }\n        ]\n    },\n"
                        + "    \"default\": {");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("        \"").append(dep.name()).append("\": {\n")
                    .append("            \"hashes\": [\n")
                    .append("                \"sha256:").append(hex(i, 64)).append("\",\n")
                    .append("                \"sha256:").append(hex(i + 1, 64)).append("\"\n            ],\n")
                    .append("            \"index\": \"pypi\",\n")
                    .append("            \"markers\": \"python_version >= '3.8'\",\n")
                    .append("            \"version\": \"==").append(dep.version()).append("\"\n        }");
        }
        return out.append("\n    },\n    \"develop\": {}\n}\n").toString();
    }

    static String poetryLock(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("# This file is automatically @generated by Poetry 2.0.0 and should "
                + "not be changed by hand.\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            String file = dep.name().replace('-', '_') + "-" + dep.version();
            out.append("\n[[package]]\nname = \"").append(dep.name()).append("\"\nversion = \"").append(dep.version())
                    .append("\"\ndescription = \"The ").append(dep.name()).append(" package\"\n")
                    .append("optional = false\npython-versions = \">=3.8\"\ngroups = [\"main\"]\nfiles = [\n")
                    .append("    {file = \"").append(file).append("-py3-none-any.whl\", hash = \"sha256:")
                    .append(hex(i, 64)).append("\"},\n")
                    .append("    {file = \"").append(file).append(".tar.gz\", hash = \"sha256:")
                    .append(hex(i + 1, 64)).append("\"},\n]\n\n[package.dependencies]\n")
                    .append(deps.get((i + 7) % deps.size()).name()).append(" = \">=1.0\"\n");
        }
        return out.append("\n[metadata]\nlock-version = \"2.1\"\npython-versions = \"^3.10\"\ncontent-hash = \"")
                .append(hex(0, 64)).append("\"\n").toString();
    }

    static String uvLock(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("version = 1\nrequires-python = \">=3.10\"\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            String file = dep.name().replace('-', '_') + "-" + dep.version();
            String url = "https://files.pythonhosted.org/packages/" + hex(i, 2) + "/" + hex(i + 2, 2) + "/"
                    + hex(i + 3, 60) + "/";
            out.append("\n[[package]]\nname = \"").append(dep.name()).append("\"\nversion = \"").append(dep.version())
                    .append("\"\nsource = { registry = \"https://pypi.org/simple\" }\ndependencies = [\n")
                    .append("    { name = \"").append(deps.get((i + 7) % deps.size()).name()).append("\" },\n]\n")
                    .append("sdist = { url = \"").append(url).append(file).append(".tar.gz\", hash = \"sha256:")
                    .append(hex(i, 64)).append("\", size = ").append(10000 + i).append(" }\nwheels = [\n")
                    .append("    { url = \"").append(url).append(file).append("-py3-none-any.whl\", hash = \"sha256:")
                    .append(hex(i + 1, 64)).append("\", size = ").append(9000 + i).append(" },\n]\n");
        }
        return out.toString();
    }

    static String pdmLock(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("# This file is @generated by PDM.\n# It is not intended for manual "
                + "editing.\n\n[metadata]\ngroups = [\"default\", \"dev\"]\n"
                + "strategy = [\"inherit_metadata\"]\nlock_version = \"4.5.0\"\ncontent_hash = \"sha256:")
                .append(hex(0, 64)).append("\"\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            String file = dep.name().replace('-', '_') + "-" + dep.version();
            out.append("\n[[package]]\nname = \"").append(dep.name()).append("\"\nversion = \"").append(dep.version())
                    .append("\"\nrequires_python = \">=3.8\"\nsummary = \"The ").append(dep.name())
                    .append(" package\"\ngroups = [\"default\"]\ndependencies = [\n    \"")
                    .append(deps.get((i + 7) % deps.size()).name()).append(">=1.0\",\n]\nfiles = [\n")
                    .append("    {file = \"").append(file).append("-py3-none-any.whl\", hash = \"sha256:")
                    .append(hex(i, 64)).append("\"},\n")
                    .append("    {file = \"").append(file).append(".tar.gz\", hash = \"sha256:")
                    .append(hex(i + 1, 64)).append("\"},\n]\n");
        }
        return out.toString();
    }

    static String pyproject(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("[build-system]\nrequires = [\"hatchling\"]\n"
                + "build-backend = \"hatchling.build\"\n\n[project]\nname = \"bench-app\"\nversion = \"1.0.0\"\n"
                + "requires-python = \">=3.10\"\ndependencies = [\n");
        int half = deps.size() / 2;
        for (Dependency dep : deps.subList(0, half)) {
            out.append("    \"").append(dep.name()).append("==").append(dep.version()).append("\",\n");
        }
        out.append("]\n\n[project.optional-dependencies]\ndev = [\n");
        for (Dependency dep : deps.subList(half, deps.size())) {
            out.append("    \"").append(dep.name()).append("==").append(dep.version()).append("\",\n");
        }
        return out.append("]\n").toString();
    }

    static String gemfileLock(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("GEM\n  remote: https://rubygems.org/\n  specs:\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append("    ").append(dep.name()).append(" (").append(dep.version()).append(")\n");
            for (int r = 1; r <= 3; r++) {
                Dependency req = deps.get((i + r * 7) % deps.size());
                out.append("      ").append(req.name()).append(" (>= ").append(req.version()).append(")\n");
            }
        }
        out.append("\nPLATFORMS\n  ruby\n  x86_64-linux\n\nDEPENDENCIES\n");
        for (Dependency dep : deps.subList(0, Math.min(20, deps.size()))) {
            out.append("  ").append(dep.name()).append('\n');
        }
        return out.append("\nBUNDLED WITH\n   2.5.6\n").toString();
    }

    static String composerLock(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("{\n    \"_readme\": [\n        \"This file locks the dependencies of "
                + "your project to a known state\",\n        \"This file is @generated automatically\"\n    ],\n"
                + "    \"content-hash\": \"").append(hex(0, 32)).append("\",\n    \"packages\": [");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            String ref = hex(i, 40);
            out.append(i == 0 ? "\n" : ",\n").append("        {\n            \"name\": \"").append(dep.name())
                    .append("\",\n            \"version\": \"v").append(dep.version()).append("\",\n")
                    .append("            \"source\": {\n                \"type\": \"git\",\n")
                    .append("                \"url\": \"https://github.com/").append(dep.name()).append(".git\",\n")
                    .append("                \"reference\": \"").append(ref).append("\"\n            },\n")
                    .append("            \"dist\": {\n                \"type\": \"zip\",\n")
                    .append("                \"url\": \"https://api.github.com/repos/").append(dep.name())
                    .append("/zipball/").append(ref).append("\",\n")
                    .append("                \"reference\": \"").append(ref).append("\",\n")
                    .append("                \"shasum\": \"\"\n            },\n")
                    .append("            \"require\": {\n                \"php\": \">=8.1\",\n")
                    .append("                \"").append(deps.get((i + 7) % deps.size()).name())
                    .append("\": \"^1.0\"\n            },\n")
                    .append("            \"type\": \"library\",\n            \"license\": [\n")
                    .append("                \"MIT\"\n            ],\n")
                    .append("            \"description\": \"The ").append(dep.name()).append(" package\"\n        }");
        }
        return out.append("\n    ],\n    \"packages-dev\": [],\n    \"minimum-stability\": \"stable\",\n"
                + "    \"plugin-api-version\": \"2.6.0\"\n}\n").toString();
    }

    static String goMod(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("module github.com/acme/bench\n\ngo 1.22\n\nrequire (\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append('\t').append(dep.name()).append(' ').append(dep.version())
                    .append(i % 4 == 0 ? "\n" : " // indirect\n");
        }
        return out.append(")\n").toString();
    }

    static String goSum(List<Dependency> deps) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append(dep.name()).append(' ').append(dep.version()).append(" h1:").append(base64(i, 43))
                    .append("=\n").append(dep.name()).append(' ').append(dep.version()).append("/go.mod h1:")
                    .append(base64(i + 1, 43)).append("=\n");
        }
        return out.toString();
    }

    static String cargoLock(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("# This file is automatically @generated by Cargo.\n"
                + "# It is not intended for manual editing.\nversion = 3\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append("\n[[package]]\nname = \"").append(dep.name()).append("\"\nversion = \"").append(dep.version())
                    .append("\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n")
                    .append("checksum = \"").append(hex(i, 64)).append("\"\ndependencies = [\n");
            for (int r = 1; r <= 3; r++) {
                out.append(" \"").append(deps.get((i + r * 7) % deps.size()).name()).append("\",\n");
            }
            out.append("]\n");
        }
        return out.toString();
    }

    static String pomXml(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "  xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0 "
                + "http://maven.apache.org/xsd/maven-4.0.0.xsd\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>com.acme</groupId>\n  <artifactId>bench-app</artifactId>\n  <version>1.0.0</version>\n"
                + "  <properties>\n    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n"
                + "  </properties>\n  <dependencies>\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            int colon = dep.name().indexOf(':');
            out.append("    <dependency>\n      <groupId>").append(dep.name(), 0, colon).append("</groupId>\n")
                    .append("      <artifactId>").append(dep.name().substring(colon + 1)).append("</artifactId>\n")
                    .append("      <version>").append(dep.version()).append("</version>\n")
                    .append(i % 5 == 0 ? "      <scope>test</scope>\n" : "").append("    </dependency>\n");
        }
        return out.append("  </dependencies>\n</project>\n").toString();
    }

    static String gradleLockfile(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("# This is a Gradle generated file for dependency locking.\n"
                + "# Manual edits can break the build and are not advised.\n# This file is expected to be part of "
                + "source control.\n");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append(dep.name()).append(':').append(dep.version())
                    .append(i % 2 == 0 ? "=compileClasspath,runtimeClasspath,testCompileClasspath,testRuntimeClasspath\n"
                            : "=testCompileClasspath,testRuntimeClasspath\n");
        }
        return out.append("empty=annotationProcessor,testAnnotationProcessor\n").toString();
    }

    static String nugetLock(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": {");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            Dependency req = deps.get((i + 7) % deps.size());
            out.append(i == 0 ? "\n" : ",\n").append("      \"").append(dep.name()).append("\": {\n")
                    .append("        \"type\": \"").append(i % 10 == 0 ? "Direct" : "Transitive").append("\",\n")
                    .append("        \"resolved\": \"").append(dep.version()).append("\",\n")
                    .append("        \"contentHash\": \"").append(base64(i, 86)).append("==\",\n")
                    .append("        \"dependencies\": {\n          \"").append(req.name()).append("\": \"")
                    .append(req.version()).append("\"\n        }\n      }");
        }
        return out.append("\n    }\n  }\n}\n").toString();
    }

    static String cycloneDx(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\",\n"
                + "  \"serialNumber\": \"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79\",\n  \"version\": 1,\n"
                + "  \"metadata\": {\n    \"component\": {\"type\": \"application\", \"name\": \"bench-app\", "
                + "\"version\": \"1.0.0\"}\n  },\n  \"components\": [");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\n      \"type\": \"library\",\n")
                    .append("      \"bom-ref\": \"").append(purl(dep)).append("\",\n")
                    .append("      \"name\": \"").append(dep.name()).append("\",\n")
                    .append("      \"version\": \"").append(dep.version()).append("\",\n")
                    .append("      \"hashes\": [{\"alg\": \"SHA-512\", \"content\": \"").append(hex(i, 128))
                    .append("\"}],\n      \"licenses\": [{\"license\": {\"id\": \"MIT\"}}],\n")
                    .append("      \"purl\": \"").append(purl(dep)).append("\"\n    }");
        }
        return out.append("\n  ]\n}\n").toString();
    }

    static String spdx(List<Dependency> deps) {
        StringBuilder out = new StringBuilder("{\n  \"spdxVersion\": \"SPDX-2.3\",\n  \"dataLicense\": \"CC0-1.0\",\n"
                + "  \"SPDXID\": \"SPDXRef-DOCUMENT\",\n  \"name\": \"bench-app\",\n"
                + "  \"documentNamespace\": \"https://example.org/spdx/bench-app-1.0.0\",\n"
                + "  \"creationInfo\": {\"created\": \"2026-01-01T00:00:00Z\", \"creators\": [\"Tool: bench\"]},\n"
                + "  \"packages\": [");
        for (int i = 0; i < deps.size(); i++) {
            Dependency dep = deps.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\n      \"SPDXID\": \"SPDXRef-Package-").append(i)
                    .append("\",\n      \"name\": \"").append(dep.name()).append("\",\n")
                    .append("      \"versionInfo\": \"").append(dep.version()).append("\",\n")
                    .append("      \"downloadLocation\": \"").append(npmTarball(dep)).append("\",\n")
                    .append("      \"checksums\": [{\"algorithm\": \"SHA1\", \"checksumValue\": \"").append(hex(i, 40))
                    .append("\"}],\n      \"externalRefs\": [\n")
                    .append("        {\"referenceCategory\": \"PACKAGE-MANAGER\", \"referenceType\": \"purl\", ")
                    .append("\"referenceLocator\": \"").append(purl(dep)).append("\"}\n      ]\n    }");
        }
        return out.append("\n  ]\n}\n").toString();
    }

    /** Three other packages as package {@code i}'s requirements, one a line, each written by {@code line}. */
    private static void appendRequires(StringBuilder out, List<Dependency> deps, int i,
            java.util.function.BiFunction<Dependency, Boolean, String> line) {
        for (int r = 1; r <= 3; r++) {
            out.append(line.apply(deps.get((i + r * 7) % deps.size()), r == 3)).append('\n');
        }
    }

    private static String jsonRequire(Dependency req, boolean last) {
        return "        \"" + req.name() + "\": \"^" + req.version() + (last ? "\"" : "\",");
    }

    private static String npmTarball(Dependency dep) {
        String bare = dep.name().substring(dep.name().indexOf('/') + 1);
        return "https://registry.npmjs.org/" + dep.name() + "/-/" + bare + "-" + dep.version() + ".tgz";
    }

    private static String purl(Dependency dep) {
        return "pkg:npm/" + dep.name().replace("@", "%40") + "@" + dep.version();
    }

    private static String quotedIfScoped(String key) {
        return key.startsWith("@") ? "\"" + key + "\"" : key;
    }

    private static String yamlKey(String key) {
        return key.startsWith("@") ? "'" + key + "'" : key;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    /** Hash-like text, the same for the same seed: lockfiles are mostly hashes, and they cost bytes to parse. */
    static String hex(int seed, int length) {
        return chars(HEX, seed, length);
    }

    static String base64(int seed, int length) {
        return chars(BASE64, seed, length);
    }

    private static String chars(char[] alphabet, int seed, int length) {
        Random random = new Random(seed);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
