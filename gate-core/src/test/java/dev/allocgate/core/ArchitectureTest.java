package dev.allocgate.core;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps gate-core's shape by reading its compiled classes (every class reference in a class file's constant
 * pool: imports, fully qualified names, field and method signatures, generics):
 * <ul>
 *   <li>of allocgate-profiler, only its JDK-only {@code ForkProtocol} (the rest needs JMH);</li>
 *   <li>no Maven type anywhere in the core, so the Maven plugin, the CLI and tests are adapters over it;</li>
 *   <li>the packages follow the pipeline in {@link #LAYERS}: a package refers only to packages of lower
 *   layers, never to one of its own layer or above, so there is no upward import and no cycle.</li>
 * </ul>
 * The order, bottom up: shared values and typed exceptions; allocation profiles (values that baselines and reports
 * carry); reading inputs (JMH results, baselines, the JVM
 * environment, the per-benchmark policy, the base revision of a base-vs-PR check from git) and the statistics; running JMH (which reads the baseline to plan forks); judging (gate);
 * rendering (report), the neutral settings that configure judging (config) and the shards' results (shard); posting (comment); and the
 * workflow that strings them together for Maven and the CLI.
 * A new package goes into the layer that matches the step of the pipeline it serves.
 */
class ArchitectureTest {
    /** Layers, bottom up; the root package {@code dev.allocgate.core} is written as "". */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("", "model", "parallel"),
            Set.of("profile"),
            Set.of("stats", "jmh", "baseline", "env", "policy", "git"),
            Set.of("run", "gate"),
            Set.of("history"),
            Set.of("report", "config", "shard"),
            Set.of("comment"),
            Set.of("workflow"));

    private static final String CORE = "dev/allocgate/core/";
    private static final Pattern CORE_TYPE = Pattern.compile("dev/allocgate/core/((?:[a-z0-9_]+/)*)[A-Z$][\\w$]*");

    @Test
    void theCoreHasNoMavenType() throws IOException {
        Map<String, Set<String>> offenders = new TreeMap<>();
        for (CompiledClass c : coreClasses()) {
            for (String s : c.utf8) {
                if (s.contains("org/apache/maven/") || s.contains("org/codehaus/plexus/")) {
                    offenders.computeIfAbsent(c.name, k -> new TreeSet<>()).add(s);
                }
            }
        }
        assertEquals(Map.of(), offenders, "gate-core must not refer to Maven: translate in gate-maven-plugin instead");
    }

    /** The profiler runs in the benchmark JVMs with JMH; the core reads only its JDK-only fork protocol. */
    @Test
    void theCoreReadsOnlyTheForkProtocolOfTheProfiler() throws IOException {
        Pattern profilerType = Pattern.compile("dev/allocgate/profiler/[\\w$]+");
        Map<String, Set<String>> offenders = new TreeMap<>();
        for (CompiledClass c : coreClasses()) {
            for (String s : c.utf8) {
                Matcher m = profilerType.matcher(s);
                while (m.find()) {
                    if (!m.group().startsWith("dev/allocgate/profiler/ForkProtocol")) {
                        offenders.computeIfAbsent(c.name, k -> new TreeSet<>()).add(m.group());
                    }
                }
            }
        }
        assertEquals(Map.of(), offenders, "gate-core may use only dev.allocgate.profiler.ForkProtocol");
    }

    @Test
    void packagesReferOnlyToLowerLayers() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> seenPackages = new TreeSet<>();
        for (CompiledClass c : coreClasses()) {
            String from = c.corePackage();
            seenPackages.add(from);
            int fromLayer = layerOf(from);
            if (fromLayer < 0) {
                violations.add("package '" + from + "' (" + c.name + ") is in no layer of ArchitectureTest.LAYERS");
                continue;
            }
            for (String to : c.referencedCorePackages()) {
                if (to.equals(from)) {
                    continue;
                }
                int toLayer = layerOf(to);
                if (toLayer < 0 || toLayer >= fromLayer) {
                    violations.add(c.name + " (layer " + fromLayer + ") refers to package '" + to + "' (layer "
                            + toLayer + ")");
                }
            }
        }
        assertTrue(seenPackages.containsAll(Set.of("", "model", "jmh", "gate", "report", "workflow")),
                "the test read too few classes: " + seenPackages);
        assertEquals(List.of(), violations, "packages out of pipeline order");
    }

    @Test
    void theReaderSeesReferencesInSignaturesAndBodies() throws IOException {
        CompiledClass gate = coreClasses().stream()
                .filter(c -> c.name().equals("dev/allocgate/core/gate/Gate.class")).findFirst().orElseThrow();
        assertEquals("gate", gate.corePackage());
        assertTrue(gate.referencedCorePackages().containsAll(Set.of("model", "stats", "gate")),
                gate.referencedCorePackages().toString());
        assertTrue(layerOf("gate") < layerOf("report") && layerOf("report") < layerOf("comment"));
    }

    private static int layerOf(String corePackage) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(corePackage)) {
                return i;
            }
        }
        return -1;
    }

    /** The top-level package under dev.allocgate.core of a class's internal name ("" for the root). */
    static String corePackageOf(String internalPackage) {
        String rest = internalPackage.substring(CORE.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(0, slash);
    }

    private static List<CompiledClass> coreClasses() throws IOException {
        Path root;
        try {
            root = Path.of(AllocgateException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<CompiledClass> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    classes.add(CompiledClass.read(root.relativize(file).toString().replace('\\', '/'), in));
                }
            }
        }
        assertTrue(classes.size() > 50, "read only " + classes.size() + " classes under " + root);
        return classes;
    }

    /** A class file's name and the UTF-8 entries of its constant pool (where every type reference lives). */
    record CompiledClass(String name, List<String> utf8) {
        String corePackage() {
            String pkg = name.substring(0, name.lastIndexOf('/') + 1);
            return corePackageOf(pkg);
        }

        Set<String> referencedCorePackages() {
            Set<String> packages = new TreeSet<>();
            for (String s : utf8) {
                Matcher m = CORE_TYPE.matcher(s);
                while (m.find()) {
                    packages.add(corePackageOf(CORE + m.group(1)));
                }
            }
            return packages;
        }

        static CompiledClass read(String name, InputStream stream) throws IOException {
            DataInputStream in = new DataInputStream(stream);
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(name + " is not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            List<String> utf8 = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8.add(in.readUTF());
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    default -> throw new IOException(name + ": unknown constant pool tag " + tag);
                }
            }
            return new CompiledClass(name, utf8);
        }
    }
}
