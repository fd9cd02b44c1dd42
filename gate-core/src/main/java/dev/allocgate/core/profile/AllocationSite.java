package dev.allocgate.core.profile;

import java.util.List;
import java.util.Objects;

/**
 * Where objects of one type are allocated: the type's Java name and the stack at the allocation, top frame first,
 * down to the benchmark method (JMH's frames below it left out). Frames read like a Java stack trace's,
 * {@code com.acme.Codec.encode(Codec.java:42)}. Equal sites from two JVM runs are equal values.
 */
public record AllocationSite(String type, List<String> frames) implements Comparable<AllocationSite> {

    public AllocationSite {
        Objects.requireNonNull(type, "type");
        frames = List.copyOf(frames);
    }

    /** What kind of allocation this is, when the type and frames tell: boxing, lambda, iterator, string concatenation. */
    public String kind() {
        String top = frames.isEmpty() ? "" : frames.get(0);
        if (isBox(type) && top.startsWith(type + ".valueOf(")) {
            return "boxing";
        }
        if (JvmNames.isLambda(type)) {
            return "captured lambda";
        }
        if (frames.stream().anyMatch(f -> f.startsWith("java.lang.StringConcatHelper.")
                || f.startsWith("java.lang.invoke.LambdaForm$MH.") || f.startsWith("java.lang.invoke.DirectMethodHandle$Holder."))) {
            return "string concatenation";
        }
        String simple = type.substring(type.lastIndexOf('.') + 1);
        if (simple.endsWith("Itr") || simple.endsWith("Iterator") || simple.endsWith("Iter")) {
            return "iterator";
        }
        if (type.endsWith("[]") && top.startsWith("java.util.Arrays.copyOf")) {
            return "array copy";
        }
        return "";
    }

    /** The type with its kind, e.g. {@code java.lang.Long (boxing)}. */
    public String typeLabel() {
        String kind = kind();
        return kind.isEmpty() ? type : type + " (" + kind + ")";
    }

    private static boolean isBox(String type) {
        return switch (type) {
            case "java.lang.Long", "java.lang.Integer", "java.lang.Short", "java.lang.Byte", "java.lang.Character",
                 "java.lang.Double", "java.lang.Float", "java.lang.Boolean" -> true;
            default -> false;
        };
    }

    @Override
    public int compareTo(AllocationSite other) {
        int c = type.compareTo(other.type);
        for (int i = 0; c == 0 && i < Math.min(frames.size(), other.frames.size()); i++) {
            c = frames.get(i).compareTo(other.frames.get(i));
        }
        return c != 0 ? c : Integer.compare(frames.size(), other.frames.size());
    }
}
