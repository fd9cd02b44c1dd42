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

    /**
     * What kind of allocation this is, when the type and frames tell: boxing, captured lambda, iterator, string
     * concatenation, array copy, varargs or array literal; empty otherwise.
     */
    public String kind() {
        String top = frames.isEmpty() ? "" : frames.get(0);
        if (isBox(type) && top.startsWith(type + ".valueOf(")) {
            return "boxing";
        }
        if (JvmNames.isLambda(type)) {
            return "captured lambda";
        }
        if (frames.stream().anyMatch(f -> f.startsWith("java.lang.StringConcatHelper.")
                || f.startsWith("java.lang.invoke.StringConcatFactory"))) {
            return "string concatenation";
        }
        if (isIterator(type)) {
            return "iterator";
        }
        if (type.endsWith("[]") && top.startsWith("java.util.Arrays.copyOf")) {
            return "array copy";
        }
        if (type.equals("java.lang.Object[]") && !top.isEmpty() && !JvmNames.isJdk(top)) {
            return "varargs or array literal";
        }
        return "";
    }

    /**
     * The type as a developer names it, with its kind and, where it helps, the method it belongs to: {@code
     * java.lang.Long (boxing)}, {@code com.acme.Foo$$Lambda (lambda captured in Foo.bar)}, {@code
     * java.util.ArrayList$Itr (ArrayList iterator)}, {@code byte[] (string concatenation in Log.line)}.
     */
    public String typeLabel() {
        String kind = kind();
        String description = switch (kind) {
            case "" -> "";
            case "captured lambda" -> "lambda captured in " + userMethod().orElse("JDK code");
            case "iterator" -> iterated(type).map(c -> c + " iterator").orElse(kind);
            case "string concatenation" -> userMethod().map(m -> "string concatenation in " + m).orElse(kind);
            case "varargs or array literal" -> "varargs or array literal in " + userMethod().orElse("?");
            default -> kind;
        };
        return description.isEmpty() ? type : type + " (" + description + ")";
    }

    /** The first frame of the code under test as {@code Class.method}, simple class name (a lambda's body by its method). */
    private java.util.Optional<String> userMethod() {
        for (String frame : frames) {
            String shown = JvmNames.frameLabel(frame);
            boolean lambdaBody = shown.startsWith(JvmNames.LAMBDA_IN);
            String method = shown.substring(lambdaBody ? JvmNames.LAMBDA_IN.length() : 0, shown.indexOf('(') < 0
                    ? shown.length() : shown.indexOf('('));
            int dot = method.lastIndexOf('.');
            String className = dot < 0 ? method : method.substring(0, dot);
            if (dot > 0 && !JvmNames.isJdk(className) && !JvmNames.isHidden(className)) {
                return java.util.Optional.of((lambdaBody ? JvmNames.LAMBDA_IN : "")
                        + method.substring(className.lastIndexOf('.') + 1));
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean isIterator(String type) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return simple.endsWith("Itr") || simple.endsWith("Iterator") || simple.endsWith("Iter");
    }

    /** What a nested iterator class goes over: its enclosing class's simple name ({@code ArrayList} for {@code ArrayList$Itr}). */
    private static java.util.Optional<String> iterated(String type) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        return nested > 0 ? java.util.Optional.of(simple.substring(0, nested)) : java.util.Optional.empty();
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
