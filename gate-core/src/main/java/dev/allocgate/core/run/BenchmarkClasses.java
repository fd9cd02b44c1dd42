package dev.allocgate.core.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds compiled classes that use JMH's {@code @Benchmark} annotation. A module whose classes do,
 * but which has no {@code META-INF/BenchmarkList}, was compiled without JMH's annotation processor
 * (JDK 23+ no longer runs processors found on the class path): running nothing there would be a
 * silent pass.
 */
public final class BenchmarkClasses {
    private static final byte[] DESCRIPTOR = "Lorg/openjdk/jmh/annotations/Benchmark;".getBytes(StandardCharsets.US_ASCII);

    private BenchmarkClasses() {
    }

    /** Class files under the directories (missing ones are skipped) whose bytes reference {@code @Benchmark}. */
    public static List<Path> annotated(List<Path> classDirectories) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : classDirectories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    if (contains(Files.readAllBytes(file), DESCRIPTOR)) {
                        out.add(file);
                    }
                }
            }
        }
        return out;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
