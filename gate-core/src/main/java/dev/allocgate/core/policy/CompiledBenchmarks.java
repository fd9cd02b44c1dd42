package dev.allocgate.core.policy;

import dev.allocgate.annotations.AllocationBudget;
import dev.allocgate.core.model.BenchmarkKey;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the compiled classes of a module say about its benchmarks, read with ASM from the class files (no class is
 * loaded, no benchmark code runs): the JMH names of the {@code @Benchmark} methods, the {@code @AllocationBudget}s
 * that hold for each (the method's first, then its class's and its superclasses'), the {@code @Param} fields'
 * declared values, and the budgets that sit where no benchmark is.
 *
 * @param budgets     per benchmark name, its budgets in the order they are tried
 * @param params      per {@code @Param} name, the values any field of that name declares (empty when a field declares
 *                    none, so any value goes: enums, booleans)
 * @param problems    budgets that cannot hold: on a method that is not a benchmark, a class without benchmarks, or
 *                    with values that make no budget; each names the place and the fix
 * @param origin      where the benchmarks were found, for messages ("compiled here", "in results.json")
 */
public record CompiledBenchmarks(SortedMap<String, List<Budget>> budgets, SortedMap<String, SortedSet<String>> params,
                                 List<String> problems, String origin) {

    /** Benchmarks found in the module's compiled classes. */
    public CompiledBenchmarks(SortedMap<String, List<Budget>> budgets, SortedMap<String, SortedSet<String>> params,
                              List<String> problems) {
        this(budgets, params, problems, "compiled here");
    }

    /**
     * The benchmarks of a results file (no classes, so no budgets), for checking rules against them: their names and
     * the {@code @Param} values they ran with.
     */
    public static CompiledBenchmarks measured(Collection<BenchmarkKey> keys, String origin) {
        SortedMap<String, List<Budget>> names = new TreeMap<>();
        SortedMap<String, SortedSet<String>> params = new TreeMap<>();
        for (BenchmarkKey key : keys) {
            names.put(key.benchmark(), List.of());
            key.params().forEach((name, value) -> params.computeIfAbsent(name, n -> new TreeSet<>()).add(value));
        }
        return new CompiledBenchmarks(names, params, List.of(), origin);
    }

    /** No classes: no benchmarks, no budgets. */
    public static final CompiledBenchmarks NONE = new CompiledBenchmarks(new TreeMap<>(), new TreeMap<>(), List.of());

    static final String BENCHMARK = "Lorg/openjdk/jmh/annotations/Benchmark;";
    /**
     * The package JMH's annotation processor writes its classes to; its {@code _jmhType} classes extend the benchmark
     * classes, so they would read as benchmarks of their own.
     */
    static final String JMH_GENERATED = "/jmh_generated/";
    static final String PARAM = "Lorg/openjdk/jmh/annotations/Param;";
    /** JMH runs the methods of one {@code @Group} as one benchmark named by the group: {@code package.Class.group}. */
    static final String GROUP = "Lorg/openjdk/jmh/annotations/Group;";
    static final String BUDGET = AllocationBudget.class.descriptorString();
    static final String BUDGETS = AllocationBudget.List.class.descriptorString();

    /** The newest class file version (Java release) the bundled ASM reads. */
    static final int MAX_JAVA_RELEASE = 27;

    public CompiledBenchmarks {
        budgets = Collections.unmodifiableSortedMap(new TreeMap<>(budgets));
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        problems = List.copyOf(problems);
    }

    /** The benchmark names (JMH's {@code package.Class.method}). */
    public SortedSet<String> benchmarks() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(budgets.keySet()));
    }

    /** Reads every class file under the directories (missing ones are skipped). */
    public static CompiledBenchmarks read(List<Path> classDirectories) throws IOException {
        Map<String, ClassFacts> classes = new HashMap<>();
        for (Path dir : classDirectories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(f -> f.toString().endsWith(".class")).sorted().toList();
            }
            for (Path file : files) {
                ClassFacts facts = new ClassFacts();
                try {
                    new ClassReader(Files.readAllBytes(file)).accept(facts, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
                } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                    // ASM refuses class files newer than it knows, and broken ones
                    throw new IOException(file + ": cannot read this class file for its @AllocationBudget and"
                            + " @Benchmark annotations (" + e + "); compile for a Java release allocgate's ASM reads"
                            + " (up to " + MAX_JAVA_RELEASE + "), or rebuild the module", e);
                }
                if (facts.name != null && !facts.name.contains(JMH_GENERATED)) {
                    classes.putIfAbsent(facts.name, facts);
                }
            }
        }
        return from(classes);
    }

    private static CompiledBenchmarks from(Map<String, ClassFacts> classes) {
        SortedMap<String, List<Budget>> budgets = new TreeMap<>();
        SortedMap<String, SortedSet<String>> params = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> superclassesOfBenchmarks = new LinkedHashSet<>();
        for (ClassFacts c : classes.values()) {
            c.params.forEach((name, values) -> params.computeIfAbsent(name, n -> new TreeSet<>()).addAll(values));
            problems.addAll(c.problems);
            for (Map.Entry<String, List<Budget>> m : c.methodBudgets.entrySet()) {
                if (!c.benchmarkMethods.contains(m.getKey())) {
                    problems.add("@AllocationBudget on " + jmhName(c.name) + "." + m.getKey() + ", which is not a"
                            + " @Benchmark method: move it to the benchmark it is for, or add @Benchmark");
                }
            }
            if ((c.access & Opcodes.ACC_ABSTRACT) != 0) {
                continue; // JMH runs the inherited benchmarks under the concrete subclasses' names
            }
            // Benchmarks of this class and its superclasses, under this class's name; the nearest declaration wins.
            Map<String, List<Budget>> methods = new TreeMap<>();
            Map<String, String> groups = new TreeMap<>();
            List<Budget> classBudgets = new ArrayList<>();
            for (ClassFacts k = c; k != null; k = classes.get(k.superName)) {
                for (String method : k.benchmarkMethods) {
                    methods.putIfAbsent(method, k.methodBudgets.getOrDefault(method, List.of()));
                    if (k.groups.containsKey(method)) {
                        groups.putIfAbsent(method, k.groups.get(method));
                    }
                }
                classBudgets.addAll(k.classBudgets);
                if (k != c && !k.benchmarkMethods.isEmpty()) {
                    superclassesOfBenchmarks.add(k.name);
                }
            }
            if (!methods.isEmpty()) {
                superclassesOfBenchmarks.add(c.name);
            }
            // A group's benchmark is the group: its methods' budgets hold for it together.
            Map<String, List<Budget>> benchmarks = new TreeMap<>();
            methods.forEach((method, own) -> benchmarks.computeIfAbsent(groups.getOrDefault(method, method),
                    b -> new ArrayList<>()).addAll(own));
            for (Map.Entry<String, List<Budget>> b : benchmarks.entrySet()) {
                List<Budget> tried = new ArrayList<>(b.getValue());
                tried.addAll(classBudgets);
                budgets.put(jmhName(c.name) + "." + b.getKey(), List.copyOf(tried));
            }
        }
        for (ClassFacts c : classes.values()) {
            if (!c.classBudgets.isEmpty() && !superclassesOfBenchmarks.contains(c.name)) {
                problems.add("@AllocationBudget on class " + jmhName(c.name) + ", which has no @Benchmark method: put it on"
                        + " the benchmark class or method it is for");
            }
        }
        Collections.sort(problems);
        return new CompiledBenchmarks(budgets, params, problems);
    }

    /** JMH's name of a class: the binary name with nested classes joined by dots. */
    static String jmhName(String internalName) {
        return internalName.replace('/', '.').replace('$', '.');
    }

    /** What one class file declares. */
    private static final class ClassFacts extends ClassVisitor {
        String name;
        String superName;
        int access;
        final List<Budget> classBudgets = new ArrayList<>();
        final Map<String, List<Budget>> methodBudgets = new TreeMap<>();
        final Set<String> benchmarkMethods = new TreeSet<>();
        /** The {@code @Group} of a benchmark method that has one. */
        final Map<String, String> groups = new TreeMap<>();
        final Map<String, List<String>> params = new TreeMap<>();
        final List<String> problems = new ArrayList<>();

        ClassFacts() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.name = name;
            this.superName = superName;
            this.access = access;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return budgets(descriptor, jmhName(name), classBudgets);
        }

        @Override
        public FieldVisitor visitField(int access, String fieldName, String descriptor, String signature, Object value) {
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    if (!annotation.equals(PARAM)) {
                        return null;
                    }
                    List<String> values = params.computeIfAbsent(fieldName, n -> new ArrayList<>());
                    return new AnnotationVisitor(Opcodes.ASM9) {
                        @Override
                        public AnnotationVisitor visitArray(String attribute) {
                            return new AnnotationVisitor(Opcodes.ASM9) {
                                @Override
                                public void visit(String unused, Object v) {
                                    values.add(String.valueOf(v));
                                }
                            };
                        }
                    };
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String methodName, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    if (annotation.equals(BENCHMARK)) {
                        benchmarkMethods.add(methodName);
                        return null;
                    }
                    if (annotation.equals(GROUP)) {
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(String attribute, Object value) {
                                groups.put(methodName, String.valueOf(value));
                            }
                        };
                    }
                    if (!annotation.equals(BUDGET) && !annotation.equals(BUDGETS)) {
                        return null; // @Setup, @CompilerControl, ...: no budget, and no entry for the method
                    }
                    return budgets(annotation, jmhName(name) + "." + methodName,
                            methodBudgets.computeIfAbsent(methodName, m -> new ArrayList<>()));
                }
            };
        }

        /** A visitor that adds the budgets of a single or repeated {@code @AllocationBudget} to {@code out}. */
        private AnnotationVisitor budgets(String descriptor, String declaredOn, List<Budget> out) {
            if (descriptor.equals(BUDGET)) {
                return new BudgetValues(declaredOn, out, problems);
            }
            if (descriptor.equals(BUDGETS)) {
                return new AnnotationVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitArray(String attribute) {
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public AnnotationVisitor visitAnnotation(String unused, String element) {
                                return new BudgetValues(declaredOn, out, problems);
                            }
                        };
                    }
                };
            }
            return null;
        }
    }

    /** The attributes of one {@code @AllocationBudget}; a budget that cannot hold becomes a problem, not a budget. */
    private static final class BudgetValues extends AnnotationVisitor {
        private final String declaredOn;
        private final List<Budget> out;
        private final List<String> problems;
        private final Map<String, Object> values = new HashMap<>();

        BudgetValues(String declaredOn, List<Budget> out, List<String> problems) {
            super(Opcodes.ASM9);
            this.declaredOn = declaredOn;
            this.out = out;
            this.problems = problems;
        }

        @Override
        public void visit(String name, Object value) {
            values.put(name, value);
        }

        @Override
        public void visitEnd() {
            double bytes = limit("bytesPerOp");
            double objects = limit("objectsPerOp");
            double bytesPerUnit = number("bytesPerUnit", 0);
            double objectsPerUnit = number("objectsPerUnit", 0);
            String per = String.valueOf(values.getOrDefault("per", "")).strip();
            String where = "@AllocationBudget on " + declaredOn;
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, Double> e : Map.of("bytesPerOp", bytes, "objectsPerOp", objects, "bytesPerUnit",
                    bytesPerUnit, "objectsPerUnit", objectsPerUnit).entrySet()) {
                double v = e.getValue();
                if (!Double.isNaN(v) && !(v >= 0 && Double.isFinite(v)) || Double.isNaN(v) && e.getKey().endsWith("Unit")) {
                    wrong.add(where + ": " + e.getKey() + " = " + v + " is not a budget: give a finite number >= 0");
                }
            }
            if (Double.isNaN(bytes) && Double.isNaN(objects)) {
                wrong.add(where + " sets no limit: give bytesPerOp, objectsPerOp or both");
            }
            if (per.isEmpty() && (bytesPerUnit != 0 || objectsPerUnit != 0)) {
                wrong.add(where + " gives bytesPerUnit or objectsPerUnit without per: name the @Param they are per");
            }
            SortedMap<String, String> when;
            try {
                when = ParamValues.parse(String.valueOf(values.getOrDefault("when", "")), where + " when");
            } catch (IllegalArgumentException e) {
                wrong.add(e.getMessage());
                when = new TreeMap<>();
            }
            if (wrong.isEmpty()) {
                out.add(new Budget(declaredOn, when, per, bytes, objects, bytesPerUnit, objectsPerUnit));
            } else {
                problems.addAll(wrong);
            }
        }

        /** A limit: unset ({@link AllocationBudget#UNSET}) is {@code NaN}. */
        private double limit(String name) {
            double v = number(name, AllocationBudget.UNSET);
            return v == AllocationBudget.UNSET ? Double.NaN : v;
        }

        private double number(String name, double absent) {
            Object v = values.get(name);
            return v instanceof Number n ? n.doubleValue() : absent;
        }
    }
}
