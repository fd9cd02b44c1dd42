package dev.allocgate.core.profile;

import java.util.regex.Pattern;

/**
 * Names a developer recognises for what the JVM reports in type signatures: {@code [B} is {@code byte[]},
 * {@code Lcom/acme/Codec;} is {@code com.acme.Codec}, and hidden classes (lambdas, method handle forms, string
 * concatenation's) lose the address and counter the JVM gives them, so one name stays the same across JVM runs and
 * a baseline's profile matches the current one.
 */
public final class JvmNames {

    /** The address of a hidden class: {@code /0x...} in its name, {@code .0x...} or {@code +0x...} in a signature. */
    private static final Pattern HIDDEN_ADDRESS = Pattern.compile("[./+]0x[0-9a-fA-F]+$");
    /** A lambda class's counter: {@code Foo$$Lambda$14} on JDK 17 (JDK 21 names it {@code Foo$$Lambda/0x...}). */
    private static final Pattern LAMBDA_COUNTER = Pattern.compile("\\$\\$Lambda\\$\\d+");
    /** Suffix of a lambda's class once normalised. */
    static final String LAMBDA = "$$Lambda";

    private JvmNames() {
    }

    /** The Java name of a type signature ({@code [B}, {@code Ljava/lang/Long;}), stable across JVM runs. */
    public static String typeName(String signature) {
        int dimensions = 0;
        while (dimensions < signature.length() && signature.charAt(dimensions) == '[') {
            dimensions++;
        }
        String element = signature.substring(dimensions);
        String name = switch (element) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            case "V" -> "void";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? className(element.substring(1, element.length() - 1)) : className(element);
        };
        return name + "[]".repeat(dimensions);
    }

    /** A class's Java name from its internal name ({@code com/acme/Codec$1}), hidden classes without their address. */
    public static String className(String internalName) {
        String name = HIDDEN_ADDRESS.matcher(internalName).replaceFirst("");
        name = LAMBDA_COUNTER.matcher(name).replaceAll("\\$\\$Lambda");
        return name.replace('/', '.');
    }

    /** Whether a (normalised) class name is a lambda's class. */
    public static boolean isLambda(String className) {
        return className.endsWith(LAMBDA);
    }

    /** How a lambda's body reads in a report: {@code lambda in com.acme.Foo.bar(Foo.java:12)}. */
    static final String LAMBDA_IN = "lambda in ";
    /** A lambda body's method: {@code lambda$bar$0}, {@code lambda$static$1}, {@code lambda$new$2}. */
    private static final Pattern LAMBDA_BODY = Pattern.compile("\\.lambda\\$(.+)\\$\\d+\\(");

    /**
     * A frame as a developer reads it: a lambda's body ({@code com.acme.Foo.lambda$bar$0(Foo.java:12)}, the method
     * javac names after the one that holds the lambda) becomes {@code lambda in com.acme.Foo.bar(Foo.java:12)};
     * other frames stay as they are.
     */
    public static String frameLabel(String frame) {
        java.util.regex.Matcher m = LAMBDA_BODY.matcher(frame);
        if (!m.find()) {
            return frame;
        }
        String method = switch (m.group(1)) {
            case "static" -> "<clinit>";
            case "new" -> "<init>";
            default -> m.group(1);
        };
        return LAMBDA_IN + frame.substring(0, m.start()) + "." + method + frame.substring(m.end() - 1);
    }

    /**
     * Whether a frame's class is one the JVM generates and a reader has no source for: a lambda's class (its frame is
     * the bridge from the functional interface to the lambda's body), method handles' and their forms' hidden classes
     * ({@code java.lang.invoke.LambdaForm$MH}, {@code DirectMethodHandle$Holder}, {@code Invokers$Holder}).
     */
    public static boolean isHidden(String className) {
        return isLambda(className) || className.startsWith("java.lang.invoke.LambdaForm$")
                || className.startsWith("java.lang.invoke.") && className.endsWith("$Holder");
    }

    /** Whether a class belongs to the JDK rather than to the code under test. */
    public static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("javax.") || className.startsWith("com.sun.");
    }

    /** Whether a frame's class is JMH's: its generated benchmark stubs or its runner, below the benchmark method. */
    public static boolean isHarness(String className) {
        return className.contains(".jmh_generated.") || className.startsWith("org.openjdk.jmh.runner.");
    }
}
