package io.iocstream.match;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The codes an enum's constants are written by in state: a constant's code is its place in the list given here,
 * which only ever grows at its end, so renaming or reordering the enum changes no byte of a savepoint. Every
 * constant must have a code: one added to the enum without one fails where the serializer is loaded.
 */
final class EnumCodes<E extends Enum<E>> {

    private final List<E> byCode;
    private final Map<E, Integer> codes;

    private EnumCodes(Class<E> type, List<E> byCode) {
        this.byCode = byCode;
        this.codes = new EnumMap<>(type);
        for (int i = 0; i < byCode.size(); i++) {
            if (codes.put(byCode.get(i), i) != null) {
                throw new IllegalStateException(byCode.get(i) + " has two codes");
            }
        }
        for (E constant : type.getEnumConstants()) {
            if (!codes.containsKey(constant)) {
                throw new IllegalStateException(type.getSimpleName() + "." + constant
                        + " has no state code: add it at the end of its codes");
            }
        }
    }

    /** The codes of {@code type}'s constants: 0 for the first listed, and so on. */
    @SafeVarargs
    static <E extends Enum<E>> EnumCodes<E> of(Class<E> type, E... inCodeOrder) {
        if (inCodeOrder.length > 256) {
            throw new IllegalStateException("a code is one byte");
        }
        return new EnumCodes<>(type, List.of(inCodeOrder));
    }

    int code(E constant) {
        return codes.get(constant);
    }

    E of(int code) throws IOException {
        if (code < 0 || code >= byCode.size()) {
            throw new IOException("unknown code " + code + " of " + byCode.get(0).getDeclaringClass().getSimpleName());
        }
        return byCode.get(code);
    }
}
