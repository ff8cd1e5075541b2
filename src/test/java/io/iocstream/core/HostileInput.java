package io.iocstream.core;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.function.Executable;

/**
 * Seeded generators for the property tests on hostile input: random bytes, random text made of a format's
 * punctuation, and mutations of a real file. The default run is small so that {@code mvn verify} stays fast;
 * {@code -Diocstream.props.tries=5000} runs many more, and {@code -Diocstream.props.seed=N} repeats a failed run
 * (every failure message names its seed and try).
 */
public final class HostileInput {

    /** Tries per property in the default run; the deep run sets {@code iocstream.props.tries}. */
    public static final int TRIES = Integer.getInteger("iocstream.props.tries", 60);
    /** The largest input, as the issue asks: any byte sequence up to 1 MB. */
    public static final int MAX_BYTES = 1 << 20;
    /** A try that runs longer than this is a hang (a regular expression or recursion gone wrong), not slowness. */
    public static final Duration PER_TRY = Duration.ofSeconds(Integer.getInteger("iocstream.props.timeoutSeconds", 20));

    private static final long SEED = Long.getLong("iocstream.props.seed", System.nanoTime());
    /** Characters that steer JSON, YAML, TOML, XML, CSV and line formats into their less travelled paths. */
    private static final String PUNCTUATION = "{}[]\"':,=#-.@/\\<>!&*|?%~^+ \t\n\r0123456789abcxyzAZ_vV\u00e9\u0000";

    private HostileInput() {}

    /** The seed this run uses: put it into {@code -Diocstream.props.seed} to repeat it. */
    public static long seed() {
        return SEED;
    }

    /** A generator for one property, seeded from the run's seed and the property's name. */
    public static Random random(String property) {
        return new Random(SEED ^ property.hashCode());
    }

    /** Runs {@code body} once per try, each within {@link #PER_TRY}, naming the seed and try on failure. */
    public static void forAll(String property, Consumer<Random> body) {
        Random random = random(property);
        for (int i = 0; i < TRIES; i++) {
            Random tryRandom = new Random(random.nextLong());
            int attempt = i;
            Executable run = () -> body.accept(tryRandom);
            try {
                assertTimeoutPreemptively(PER_TRY, run);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(property + " failed at try " + attempt + " of run seed " + SEED
                        + " (-Diocstream.props.seed=" + SEED + "): " + e, e);
            }
        }
    }

    /**
     * One hostile input: random bytes, punctuation soup, or a mutation of {@code valid}; mostly small, now and then
     * up to {@link #MAX_BYTES}.
     */
    public static byte[] bytes(Random random, byte[] valid) {
        return switch (random.nextInt(4)) {
            case 0 -> randomBytes(random, size(random));
            case 1 -> punctuation(random, size(random)).getBytes(StandardCharsets.UTF_8);
            default -> mutate(random, valid);
        };
    }

    /** A length: usually under 4 KB, one time in 20 anything up to 1 MB. */
    public static int size(Random random) {
        return random.nextInt(20) == 0 ? random.nextInt(MAX_BYTES + 1) : random.nextInt(4096);
    }

    public static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    public static String punctuation(Random random, int size) {
        StringBuilder text = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            text.append(PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
        }
        return text.toString();
    }

    /**
     * A valid file broken a little: bytes flipped, cut short, a piece repeated or removed, punctuation put in; at most
     * {@link #MAX_BYTES}.
     */
    public static byte[] mutate(Random random, byte[] valid) {
        byte[] bytes = valid.clone();
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits; e++) {
            if (bytes.length == 0) {
                return punctuation(random, 16).getBytes(StandardCharsets.UTF_8);
            }
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(5)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes = java.util.Arrays.copyOf(bytes, at);
                case 2 -> bytes = splice(bytes, at, punctuation(random, 1 + random.nextInt(8))
                        .getBytes(StandardCharsets.UTF_8));
                case 3 -> {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(512));
                    byte[] piece = java.util.Arrays.copyOfRange(bytes, at, at + length);
                    int copies = 1 + random.nextInt(4);
                    for (int c = 0; c < copies && bytes.length + piece.length <= MAX_BYTES; c++) {
                        bytes = splice(bytes, at, piece);
                    }
                }
                default -> {
                    int end = Math.min(bytes.length, at + 1 + random.nextInt(64));
                    byte[] cut = new byte[bytes.length - (end - at)];
                    System.arraycopy(bytes, 0, cut, 0, at);
                    System.arraycopy(bytes, end, cut, at, bytes.length - end);
                    bytes = cut;
                }
            }
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, byte[] piece) {
        byte[] out = new byte[bytes.length + piece.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(bytes, at, out, at + piece.length, bytes.length - at);
        return out;
    }

    /** A classpath resource's bytes (the test resources hold copies of ../shared/data). */
    public static byte[] resource(String path) {
        try (InputStream in = HostileInput.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
