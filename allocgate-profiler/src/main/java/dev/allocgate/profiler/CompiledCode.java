package dev.allocgate.profiler;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * Which compiled code tells a fork that C2 has compiled what its benchmark runs, read from HotSpot's
 * {@code Compiler.codelist} ("compile-id level state method(signature) [addresses]"; on-stack-replacement
 * compilations are listed like the others).
 *
 * <p>A benchmark runs one or more <em>members</em>: its {@code @Benchmark} method, or every method of its
 * {@code @Group}, each on its own threads in its own generated loop, JMH's {@code <member>_<mode>_jmhStub} in
 * {@code <Class>_<benchmark>_jmhTest}. A member counts as compiled when C2 (tier 4) has compiled, and still uses,
 * either its loop (into which JMH's hints inline the member) or the member method itself, including by on-stack
 * replacement alone. The second matters for operations of tens of microseconds or longer: the loop is entered once
 * per iteration and goes round only a few thousand times, so C2 compiles it by on-stack replacement after seconds
 * or never, while the member method, called on every operation or going round its own loop, is compiled by C2 within
 * the first rounds, and with it the code that allocates. An object the member returns escapes into JMH's Blackhole
 * either way, so what the member allocates does not depend on which of the two C2 compiled. The benchmark counts as
 * compiled when all of its members do.
 */
final class CompiledCode {

    private final List<Member> members;

    /** The loop and the method of one member, as {@code Compiler.codelist} names them (up to the signature). */
    record Member(String stub, String method) {
    }

    CompiledCode(List<Member> members) {
        this.members = List.copyOf(members);
    }

    /**
     * The members of the benchmark JMH lists as {@code entry}. The member methods' classes are looked up without
     * initialising them; a method inherited from a superclass is named after the class that declares it.
     */
    static CompiledCode of(BenchmarkListEntry entry) {
        String target = entry.generatedTarget(); // <package>.jmh_generated.<Class>_<benchmark>_jmhTest.<benchmark>_<Mode>
        String generatedClass = target.substring(0, target.lastIndexOf('.'));
        String modeLabel = entry.getMode().shortLabel();
        List<String> names = new ArrayList<>();
        if (entry.getThreadGroupLabels().hasValue()) {
            names.addAll(entry.getThreadGroupLabels().get());
        }
        if (names.isEmpty()) {
            String username = entry.getUsername();
            names.add(username.substring(username.lastIndexOf('.') + 1));
        }
        Class<?> type = load(entry.getUserClassQName());
        List<Member> members = new ArrayList<>();
        for (String name : names) {
            String declaring = declaringClass(type, name);
            members.add(new Member(generatedClass + "." + name + "_" + modeLabel + "_jmhStub(",
                    (declaring == null ? entry.getUserClassQName() : declaring) + "." + name + "("));
        }
        return new CompiledCode(members);
    }

    List<Member> members() {
        return members;
    }

    /** Whether every member is compiled by C2 in {@code codelist} (see the class comment). */
    boolean compiled(String codelist) {
        List<String> inUse = tier4InUse(codelist);
        for (Member member : members) {
            boolean found = false;
            for (String method : inUse) {
                if (method.startsWith(member.stub()) || method.startsWith(member.method())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether C2 has compiled, and uses, a method of the members' package that is neither a member nor JMH's, in
     * {@code codelist}: the code a cold member calls ({@link ForkMain#coldMember}), where its operation spends its time
     * and allocates. The member itself may still run in the interpreter or C1: called once per operation, it reaches
     * C1's 200 calls only after seconds (a 10 ms operation: 20 rounds), and neither the interpreter nor C1 removes an
     * allocation, so it allocates the same in both. Without a callee in C2, a member whose own loop does the work
     * counts as compiled only once C2 has compiled that loop ({@link #compiled}), and on JDK code alone C2 may be off
     * or lagging.
     */
    boolean calleeCompiledByC2(String codelist) {
        for (String method : tier4InUse(codelist)) {
            boolean member = false;
            for (Member m : members) {
                member |= method.startsWith(m.method()) || method.startsWith(m.stub());
            }
            if (!member && !method.contains(".jmh_generated.") && inMembersPackage(method)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a codelist method name ({@code package.Class.method(signature)}) is in a member's package. */
    private boolean inMembersPackage(String method) {
        int paren = method.indexOf('(');
        String qualified = paren < 0 ? method : method.substring(0, paren);
        int methodDot = qualified.lastIndexOf('.');
        String type = methodDot < 0 ? "" : qualified.substring(0, methodDot);
        String methodPackage = type.lastIndexOf('.') < 0 ? "" : type.substring(0, type.lastIndexOf('.'));
        for (Member m : members) {
            String name = m.method().substring(0, m.method().length() - 1); // without the "("
            String memberType = name.substring(0, name.lastIndexOf('.'));
            String memberPackage = memberType.lastIndexOf('.') < 0 ? "" : memberType.substring(0, memberType.lastIndexOf('.'));
            if (memberPackage.equals(methodPackage)) {
                return true;
            }
        }
        return false;
    }

    /** The methods that C2 compiled and that are in use (state 0), with their signatures. */
    static List<String> tier4InUse(String codelist) {
        List<String> methods = new ArrayList<>();
        for (String line : lines(codelist)) {
            List<String> fields = words(line, 4);
            if (fields.size() == 4 && fields.get(1).equals("4") && fields.get(2).equals("0")) {
                methods.add(fields.get(3));
            }
        }
        return methods;
    }

    /**
     * The lines of {@code text}, without their line breaks. Not with {@code String.split} or regular expressions:
     * this runs after every warmup round, while the JIT profiles the benchmark ({@link ForkMain}'s class comment).
     */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        return lines;
    }

    /** The first {@code limit} words of {@code line}, which white space separates. */
    static List<String> words(String line, int limit) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (words.size() < limit) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i == line.length()) {
                break;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            words.add(line.substring(start, i));
        }
        return words;
    }

    private static Class<?> load(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        String binary = name;
        while (true) {
            try {
                return Class.forName(binary, false, loader != null ? loader : CompiledCode.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = binary.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                binary = binary.substring(0, dot) + '$' + binary.substring(dot + 1); // a nested class
            }
        }
    }

    /** The binary name of the class in {@code type}'s hierarchy that declares {@code @Benchmark name}, or null. */
    private static String declaringClass(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(name) && m.isAnnotationPresent(Benchmark.class)) {
                        return c.getName();
                    }
                }
            } catch (LinkageError e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Compilations of the benchmark's own and its libraries' code that C2 has under way or queued, in the text of
     * {@code Compiler.queue} (the C2 compiler threads' tasks listed under "Current compiles" and the tasks of the
     * "C2 compile queue"). Left out: the harness's code, JMH's ({@code org.openjdk.jmh}), the classes JMH generates
     * for the benchmarks ({@code .jmh_generated.}: the iteration drivers, compiled slowly and used once per
     * iteration, and the loops, which {@link #compiled} does not wait for when the method is compiled) and
     * allocgate's own ({@code dev.allocgate.profiler}), and the JDK's, which the harness uses too: each round is a
     * new JMH run, whose start (options, regular expressions, strings) keeps C2 busy with JDK methods for seconds on
     * a loaded machine, about one round in four forks on Temurin 25, without changing what the benchmark allocates.
     * A JDK method the benchmark calls without inlining it may therefore still wait for C2 when this is 0.
     */
    static int c2Backlog(String queue) {
        int backlog = 0;
        String section = "";
        for (String line : lines(queue)) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("Current compiles") || text.endsWith("compile queue:")) {
                section = text;
            } else if ((section.startsWith("Current compiles") && text.startsWith("C2 ")
                    || section.startsWith("C2 compile queue") && !text.equals("Empty")) && !harness(text)) {
                backlog++;
            }
        }
        return backlog;
    }

    /** Whether a task line of {@code Compiler.queue} compiles a method {@link #c2Backlog} leaves out. */
    static boolean harness(String task) {
        for (String word : words(task, Integer.MAX_VALUE)) {
            int separator = word.indexOf("::");
            if (separator > 0) {
                String type = word.substring(0, separator);
                return type.startsWith("org.openjdk.jmh.") || type.contains(".jmh_generated.")
                        || type.lastIndexOf('.') == ALLOCGATE_PACKAGE.length() && type.startsWith(ALLOCGATE_PACKAGE + ".")
                        || type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                        || type.startsWith("sun.") || type.startsWith("com.sun.");
            }
        }
        return false;
    }

    private static final String ALLOCGATE_PACKAGE = CompiledCode.class.getPackageName();
}
