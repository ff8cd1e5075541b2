package io.iocstream.world;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a synthetic but realistic world directory (CONTRACT section 3) of any size: npm repositories with
 * real package names in real lockfile format, pushes as webhook payloads and Events API objects, IOC feeds from
 * the real Shai-Hulud compromised-packages list, compromised versions planted (and later fixed to near-miss
 * versions), and the {@code expected.jsonl} a correct run must produce. The same seed gives the same world.
 */
public final class WorldGenerator {

    /**
     * What to generate. {@code bigFiles} repositories also get one lockfile of 20 to 80 MB, or of
     * {@code bigFileMb} MiB each when that is above 0. {@code dormant} more repositories ({@code acme/dormant-NNNN})
     * get a tree of one commit and no push at all: only a listing of the organisation finds them, and their findings
     * have trigger {@code baseline}.
     */
    public record Settings(Path out, int repos, int pushes, long seed, int bigFiles, int dormant, int bigFileMb) {

        public Settings(Path out, int repos, int pushes, long seed, int bigFiles) {
            this(out, repos, pushes, seed, bigFiles, 0);
        }

        public Settings(Path out, int repos, int pushes, long seed, int bigFiles, int dormant) {
            this(out, repos, pushes, seed, bigFiles, dormant, 0);
        }
    }

    /** What was generated. */
    public record Summary(int repos, int pushes, int commits, int expectedFindings, int iocEntries) {}

    private record Ioc(String id, String name, String version) {}

    /** A dependency file of one ref: its dependencies, and whether it is one of the large files. */
    private record Lock(Map<String, String> deps, boolean large) {}

    private static final class Ref {
        final String name;
        String head;
        final Map<String, Lock> locks = new TreeMap<>();
        final Map<String, Path> files = new TreeMap<>();
        final Map<String, Set<String>> open = new HashMap<>();

        Ref(String name) {
            this.name = name;
        }
    }

    private static final class Repo {
        final String name;
        final int id;
        final Map<String, Ref> refs = new LinkedHashMap<>();
        boolean seen;
        int features;

        Repo(String name, int id) {
            this.name = name;
            this.id = id;
        }
    }

    static final String ORG = "acme";
    static final String MAIN = "refs/heads/main";
    static final String ZERO = "0000000000000000000000000000000000000000";
    static final long MIB = 1024 * 1024;
    private static final List<String> LOCK_PATHS = List.of("packages/api/package-lock.json",
            "packages/web/package-lock.json", "apps/admin/package-lock.json", "tools/package-lock.json");
    private static final String LARGE_PATH = "vendor/monolith/package-lock.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final Random random;
    private final List<String> popular;
    private final List<Ioc> active = new ArrayList<>();
    private final List<Ioc> withheld = new ArrayList<>();
    private final Map<String, Ioc> activeByDep = new HashMap<>();
    private final Map<String, Ioc> withheldByDep = new HashMap<>();
    private final VersionPicker versions;
    /** expected.jsonl, written as findings are decided, so that memory grows with repositories, not pushes. */
    private BufferedWriter expected;
    private int expectedCount;
    private final Instant start = Instant.parse("2025-11-20T08:00:00Z");
    private int commits;
    private int eventNumber;

    public WorldGenerator(Settings settings) throws IOException {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.popular = resourceLines("gen/npm-popular.txt");
        Map<String, Set<String>> bad = new HashMap<>();
        List<Ioc> all = compromisedNpm();
        for (Ioc ioc : all) {
            bad.computeIfAbsent(ioc.name(), n -> new TreeSet<>()).add(ioc.version());
        }
        List<Ioc> shuffled = new ArrayList<>(all);
        java.util.Collections.shuffle(shuffled, random);
        for (int i = 0; i < shuffled.size(); i++) {
            Ioc ioc = shuffled.get(i);
            (i < 3 ? withheld : active).add(ioc);
            (i < 3 ? withheldByDep : activeByDep).put(ioc.name() + "@" + ioc.version(), ioc);
        }
        this.versions = new VersionPicker(random, bad);
    }

    public Summary generate() throws IOException {
        Path out = settings.out();
        Files.createDirectories(out.resolve("repos"));
        writeFeed(out.resolve("iocs"), active);
        writeFeed(out.resolve("iocs-later"), withheld);

        List<Repo> repos = new ArrayList<>();
        for (int i = 0; i < settings.repos(); i++) {
            repos.add(new Repo(String.format("%s/service-%04d", ORG, i + 1), 700000 + i));
        }
        try (BufferedWriter lines = Files.newBufferedWriter(out.resolve("expected.jsonl"));
                BufferedWriter events = Files.newBufferedWriter(out.resolve("events.ndjson"))) {
            expected = lines;
            for (int i = 0; i < settings.pushes(); i++) {
                Repo repo = i < repos.size() ? repos.get(i) : repos.get(random.nextInt(repos.size()));
                events.write(JSON.writeValueAsString(step(repo)));
                events.newLine();
            }
            // after the pushes, so that a world without dormant repositories is the one the same seed always wrote
            for (int i = 0; i < settings.dormant(); i++) {
                Repo repo = new Repo(String.format("%s/dormant-%04d", ORG, i + 1), 800000 + i);
                dormant(repo);
                repos.add(repo);
            }
            for (Repo repo : repos) {
                for (Ref ref : repo.refs.values()) {
                    expectRetroHunt(repo, ref);
                }
            }
        } finally {
            expected = null;
        }
        Files.writeString(out.resolve("README.md"), readme());
        return new Summary(settings.repos() + settings.dormant(), settings.pushes(), commits, expectedCount,
                active.size() + withheld.size());
    }

    /** Appends one finding to expected.jsonl. */
    private void expect(ObjectNode finding) throws IOException {
        expected.write(JSON.writeValueAsString(finding));
        expected.newLine();
        expectedCount++;
    }

    /** One push to {@code repo}: its first (a baseline), a branch created or deleted, or a dependency change. */
    private ObjectNode step(Repo repo) throws IOException {
        if (!repo.seen) {
            repo.seen = true;
            Ref main = new Ref(MAIN);
            repo.refs.put(MAIN, main);
            Map<String, String> content = initialTree(repo);
            String before = sha("unknown " + repo.name);
            commit(repo, main, content);
            for (String path : main.locks.keySet()) {
                reconcile(repo, main, path, "baseline");
            }
            return webhook(repo, main.name, before, main.head, false, false, List.copyOf(content.keySet()));
        }
        Ref feature = repo.refs.values().stream().filter(r -> !r.name.equals(MAIN)).findFirst().orElse(null);
        double p = random.nextDouble();
        if (p < 0.03 && feature == null) {
            Ref main = repo.refs.get(MAIN);
            Ref created = new Ref("refs/heads/feature/change-" + (++repo.features));
            created.head = main.head;
            created.locks.putAll(main.locks);
            created.files.putAll(main.files);
            repo.refs.put(created.name, created);
            for (String path : created.locks.keySet()) {
                reconcile(repo, created, path, "baseline");
            }
            return webhook(repo, created.name, ZERO, created.head, true, false, List.of());
        }
        if (p < 0.05 && feature != null) {
            repo.refs.remove(feature.name);
            for (String path : feature.open.keySet()) {
                for (String dep : feature.open.get(path)) {
                    expect(finding("resolved", "push", repo, feature, feature.head, path, dep,
                            activeByDep.get(dep)));
                }
            }
            return webhook(repo, feature.name, feature.head, ZERO, false, true, List.of());
        }
        Ref ref = feature != null && random.nextDouble() < 0.3 ? feature : repo.refs.get(MAIN);
        String before = ref.head;
        Map<String, String> changed = mutate(repo, ref);
        commit(repo, ref, changed);
        for (String path : changed.keySet()) {
            if (ref.locks.containsKey(path)) {
                reconcile(repo, ref, path, "push");
            }
        }
        return random.nextDouble() < 0.2
                ? eventsApi(repo, ref.name, before, ref.head)
                : webhook(repo, ref.name, before, ref.head, false, false, List.copyOf(changed.keySet()));
    }

    /** A repository that is never pushed to: its first tree, the one commit of its default branch. */
    private void dormant(Repo repo) throws IOException {
        Ref main = new Ref(MAIN);
        repo.refs.put(MAIN, main);
        commit(repo, main, initialTree(repo));
        for (String path : main.locks.keySet()) {
            reconcile(repo, main, path, "baseline");
        }
    }

    /** The first tree of a repository: a README, a source file and one to three lockfiles. */
    private Map<String, String> initialTree(Repo repo) throws IOException {
        Map<String, String> files = new TreeMap<>();
        files.put("README.md", "# " + repo.name + "\n\nA generated repository of an iocstream world.\n");
        files.put("src/index.js", "console.log('" + repo.name + " starting');\n");
        Ref main = repo.refs.get(MAIN);
        List<String> paths = new ArrayList<>(List.of("package-lock.json"));
        List<String> more = new ArrayList<>(LOCK_PATHS);
        java.util.Collections.shuffle(more, random);
        paths.addAll(more.subList(0, random.nextInt(3)));
        for (String path : paths) {
            Map<String, String> deps = new TreeMap<>();
            int n = 5 + random.nextInt(11);
            while (deps.size() < n) {
                String name = popular.get(random.nextInt(popular.size()));
                deps.put(name, versions.clean(name));
            }
            if (random.nextDouble() < 0.1) {
                plant(deps, active);
            }
            main.locks.put(path, new Lock(deps, false));
            files.put(path, null);
        }
        if (repo.id - 700000 < settings.bigFiles()) {
            Map<String, String> planted = new TreeMap<>();
            plant(planted, active);
            main.locks.put(LARGE_PATH, new Lock(planted, true));
            files.put(LARGE_PATH, null);
        }
        return files;
    }

    /** Changes one or two lockfiles of {@code ref} (and sometimes a source file); returns the changed paths. */
    private Map<String, String> mutate(Repo repo, Ref ref) {
        Map<String, String> changed = new TreeMap<>();
        List<String> small = ref.locks.entrySet().stream().filter(e -> !e.getValue().large())
                .map(Map.Entry::getKey).toList();
        int count = 1 + (small.size() > 1 && random.nextBoolean() ? 1 : 0);
        for (int i = 0; i < count; i++) {
            String path = small.get(random.nextInt(small.size()));
            Map<String, String> deps = new TreeMap<>(ref.locks.get(path).deps());
            List<String> names = new ArrayList<>(deps.keySet());
            for (int bumps = 1 + random.nextInt(3); bumps > 0; bumps--) {
                String name = names.get(random.nextInt(names.size()));
                if (!activeByDep.containsKey(name + "@" + deps.get(name))
                        && !withheldByDep.containsKey(name + "@" + deps.get(name))) {
                    deps.put(name, versions.clean(name));
                }
            }
            for (String name : names) {
                Ioc bad = activeByDep.get(name + "@" + deps.get(name));
                if (bad != null && random.nextDouble() < 0.35) {
                    deps.put(name, versions.nearMiss(name, bad.version()));
                }
            }
            double p = random.nextDouble();
            if (p < 0.08) {
                plant(deps, active);
            } else if (p < 0.10) {
                plant(deps, withheld);
            }
            ref.locks.put(path, new Lock(deps, false));
            changed.put(path, null);
        }
        if (random.nextDouble() < 0.3) {
            changed.put("src/index.js", "console.log('" + repo.name + " build " + random.nextInt(1_000_000) + "');\n");
        }
        return changed;
    }

    private void plant(Map<String, String> deps, List<Ioc> from) {
        Ioc ioc = from.get(random.nextInt(from.size()));
        deps.put(ioc.name(), ioc.version());
    }

    /**
     * Writes a new commit of {@code ref}: changed files anew (null content means a lockfile, written from the
     * ref's model), every other file hard-linked from the commit that last wrote it.
     */
    private void commit(Repo repo, Ref ref, Map<String, String> changed) throws IOException {
        commits++;
        ref.head = sha(settings.seed() + " " + repo.name + " commit " + commits);
        Path dir = settings.out().resolve("repos").resolve(repo.name).resolve(ref.head);
        for (Map.Entry<String, String> file : changed.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Lock lock = ref.locks.get(file.getKey());
            if (file.getValue() != null) {
                Files.writeString(target, file.getValue());
            } else if (lock.large()) {
                long drawn = (20 + random.nextInt(61)) * MIB;
                long size = settings.bigFileMb() > 0 ? settings.bigFileMb() * MIB : drawn;
                NpmLockfileWriter.writeLarge(target, "monolith", lock.deps(), popular, versions, random, size);
            } else {
                NpmLockfileWriter.write(target, projectName(file.getKey()), lock.deps());
            }
            ref.files.put(file.getKey(), target);
        }
        for (Map.Entry<String, Path> file : ref.files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try {
                    Files.createLink(target, file.getValue());
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(file.getValue(), target);
                }
            }
        }
    }

    /** Records the findings a correct run makes when {@code path} of {@code ref} is scanned now. */
    private void reconcile(Repo repo, Ref ref, String path, String trigger) throws IOException {
        Set<String> bad = new TreeSet<>();
        for (Map.Entry<String, String> dep : ref.locks.get(path).deps().entrySet()) {
            String key = dep.getKey() + "@" + dep.getValue();
            if (activeByDep.containsKey(key)) {
                bad.add(key);
            }
        }
        Set<String> open = ref.open.computeIfAbsent(path, p -> new TreeSet<>());
        for (String dep : bad) {
            if (open.add(dep)) {
                expect(finding("open", trigger, repo, ref, ref.head, path, dep, activeByDep.get(dep)));
            }
        }
        for (String dep : new ArrayList<>(open)) {
            if (!bad.contains(dep)) {
                open.remove(dep);
                expect(finding("resolved", trigger, repo, ref, ref.head, path, dep, activeByDep.get(dep)));
            }
        }
    }

    /** The findings the late feed ({@code iocs-later/}) must produce in what each ref holds at the end. */
    private void expectRetroHunt(Repo repo, Ref ref) throws IOException {
        for (Map.Entry<String, Lock> lock : ref.locks.entrySet()) {
            for (Map.Entry<String, String> dep : lock.getValue().deps().entrySet()) {
                Ioc late = withheldByDep.get(dep.getKey() + "@" + dep.getValue());
                if (late != null) {
                    expect(finding("open", "retro_hunt", repo, ref, ref.head, lock.getKey(),
                            dep.getKey() + "@" + dep.getValue(), late));
                }
            }
        }
    }

    private ObjectNode finding(String status, String trigger, Repo repo, Ref ref, String commit, String path,
            String dep, Ioc ioc) {
        ObjectNode f = JSON.createObjectNode();
        f.put("schema_version", 1);
        f.put("status", status);
        f.put("trigger", trigger);
        f.put("repo", repo.name);
        f.put("ref", ref.name);
        f.put("commit", commit);
        f.put("path", path);
        f.put("kind", "package");
        f.put("ecosystem", "npm");
        f.put("package", ioc.name());
        f.put("version", ioc.version());
        f.putNull("indicator");
        f.putArray("ioc_ids").add(ioc.id());
        f.put("severity", "critical");
        return f;
    }

    private ObjectNode webhook(Repo repo, String ref, String before, String after, boolean created, boolean deleted,
            List<String> modified) {
        Instant at = start.plusSeconds(7L * ++eventNumber);
        ObjectNode push = JSON.createObjectNode();
        push.put("ref", ref);
        push.put("before", before);
        push.put("after", after);
        ObjectNode repository = push.putObject("repository");
        repository.put("id", repo.id);
        repository.put("name", repo.name.substring(ORG.length() + 1));
        repository.put("full_name", repo.name);
        repository.put("private", true);
        repository.putObject("owner").put("name", ORG).put("login", ORG).put("type", "Organization");
        repository.put("html_url", "https://github.com/" + repo.name);
        repository.put("default_branch", "main");
        push.putObject("pusher").put("name", "dev" + repo.id % 17).put("email", "dev@acme.example");
        push.putObject("sender").put("login", "dev" + repo.id % 17).put("type", "User");
        push.put("created", created);
        push.put("deleted", deleted);
        push.put("forced", false);
        push.putNull("base_ref");
        push.put("compare", "https://github.com/" + repo.name + "/compare/" + before.substring(0, 12) + "..."
                + after.substring(0, 12));
        ArrayNode commitsNode = push.putArray("commits");
        if (!deleted && !modified.isEmpty()) {
            ObjectNode commit = commitsNode.addObject();
            commit.put("id", after);
            commit.put("tree_id", sha("tree " + after));
            commit.put("distinct", true);
            commit.put("message", "Update dependencies");
            commit.put("timestamp", at.toString());
            commit.put("url", "https://github.com/" + repo.name + "/commit/" + after);
            commit.putObject("author").put("name", "dev").put("email", "dev@acme.example");
            commit.putArray("added");
            commit.putArray("removed");
            ArrayNode changed = commit.putArray("modified");
            modified.forEach(changed::add);
            push.set("head_commit", commit);
        } else {
            push.putNull("head_commit");
        }
        return push;
    }

    private ObjectNode eventsApi(Repo repo, String ref, String before, String head) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", String.valueOf(60_000_000_000L + ++eventNumber));
        event.put("type", "PushEvent");
        event.putObject("actor").put("id", repo.id % 17).put("login", "dev" + repo.id % 17);
        event.putObject("repo").put("id", repo.id).put("name", repo.name)
                .put("url", "https://api.github.com/repos/" + repo.name);
        event.putObject("payload").put("repository_id", repo.id).put("push_id", 30_000_000_000L + eventNumber)
                .put("ref", ref).put("head", head).put("before", before);
        event.put("public", false);
        event.put("created_at", start.plusSeconds(7L * eventNumber).toString());
        event.putObject("org").put("id", 9919).put("login", ORG);
        return event;
    }

    private void writeFeed(Path dir, List<Ioc> entries) throws IOException {
        for (Ioc ioc : entries) {
            ObjectNode osv = JSON.createObjectNode();
            osv.put("schema_version", "1.5.0");
            osv.put("id", ioc.id());
            osv.put("published", "2025-09-16T00:00:00Z");
            osv.put("modified", "2025-09-16T00:00:00Z");
            osv.put("summary", "Malicious code in " + ioc.name() + " (npm), from the Shai-Hulud compromised-packages list");
            ObjectNode affected = osv.putArray("affected").addObject();
            affected.putObject("package").put("ecosystem", "npm").put("name", ioc.name());
            affected.putArray("versions").add(ioc.version());
            Path file = dir.resolve("osv/malicious/npm").resolve(ioc.name()).resolve(ioc.id() + ".json");
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), osv);
        }
    }

    /** The bare {@code name:version} (npm) lines of the bundled Shai-Hulud list, with their line numbers. */
    private static List<Ioc> compromisedNpm() throws IOException {
        List<String> lines = rawLines("gen/compromised-packages.txt");
        List<Ioc> iocs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int colon = line.lastIndexOf(':');
            if (line.isEmpty() || line.startsWith("#") || colon <= 0 || line.substring(0, colon).contains(":")) {
                continue;
            }
            iocs.add(new Ioc("SHAI-HULUD-LIST-" + (i + 1), line.substring(0, colon), line.substring(colon + 1)));
        }
        return iocs;
    }

    /** A bundled list: its lines without blanks and {@code #} comments. */
    private static List<String> resourceLines(String name) throws IOException {
        return rawLines(name).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static List<String> rawLines(String name) throws IOException {
        try (InputStream in = WorldGenerator.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static String projectName(String path) {
        String[] parts = path.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : "app";
    }

    private String readme() {
        return "# Generated iocstream world\n\n"
                + "Written by `iocstream gen-world --repos " + settings.repos() + " --pushes " + settings.pushes()
                + " --seed " + settings.seed() + " --big-files " + settings.bigFiles()
                + (settings.bigFileMb() == 0 ? "" : " --big-file-mb " + settings.bigFileMb())
                + (settings.dormant() == 0 ? "" : " --dormant " + settings.dormant())
                + "`; the same arguments write the same world.\n\n"
                + (settings.dormant() == 0 ? "" : "The `acme/dormant-NNNN` repositories are never pushed to: each has "
                        + "one commit, the head of its default branch `main`, which only a listing of the "
                        + "organisation finds.\n\n")
                + "Package names are real npm names; clean versions are random semver-shaped versions that no IOC "
                + "entry names. `iocs/` and `iocs-later/` hold OSV entries made from the bare npm lines of the "
                + "Shai-Hulud compromised-packages list (Cobenian/shai-hulud-detect, MIT), id "
                + "`SHAI-HULUD-LIST-<line>`. Commit shas are sha1 of a label. `expected.jsonl` lists the findings "
                + "a correct run produces.\n";
    }

    private static String sha(String label) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(label.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
