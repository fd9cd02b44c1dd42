package dev.allocgate.corebench;

import dev.allocgate.core.parallel.Workers;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs gate-core's whole pipeline ({@link GatePipeline#endToEnd}) on the generated suite and prints
 * the wall time and the peak heap of each run, for checking the memory target in a JVM started with
 * a small heap, e.g. {@code java -Xmx256m -cp ... dev.allocgate.corebench.PeakHeap DIR 5}.
 *
 * <p>Peak heap is the sum of the heap pools' peak usage since the previous run (reset after a full
 * GC), an upper bound of the live-plus-garbage heap the run needed: the pools peak at different
 * moments. The inputs are generated into {@code DIR} when absent, before the first measurement.
 */
public final class PeakHeap {

    private PeakHeap() {
    }

    /** Arguments: the directory for the generated inputs, and the number of runs (default 5). */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PeakHeap DIR [RUNS]");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SyntheticSuite.Inputs inputs = inputs(directory);
        System.out.printf("results file %.1f MB, %d baseline files, max heap %d MB%n",
                Files.size(inputs.results()) / 1e6, countFiles(inputs.baselines()),
                Runtime.getRuntime().maxMemory() >> 20);
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        for (int run = 1; run <= runs; run++) {
            System.gc();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            GatePipeline.Rendered rendered;
            try (Workers workers = Workers.forProcessors()) { // a pool per run, as the plugin opens it
                rendered = GatePipeline.endToEnd(inputs, workers);
            }
            long nanos = System.nanoTime() - start;
            long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("run %d: %.0f ms, peak heap %.0f MB, %d chars rendered%n",
                    run, nanos / 1e6, peak / 1048576.0, rendered.totalChars());
        }
    }

    private static SyntheticSuite.Inputs inputs(Path directory) throws IOException {
        Path results = directory.resolve("jmh-result.json");
        Path baselines = directory.resolve("baselines");
        if (Files.exists(results) && Files.isDirectory(baselines)) {
            return new SyntheticSuite.Inputs(results, baselines);
        }
        long start = System.nanoTime();
        SyntheticSuite.Inputs inputs = SyntheticSuite.write(directory);
        System.out.printf("generated the inputs in %.0f ms%n", (System.nanoTime() - start) / 1e6);
        return inputs;
    }

    private static long countFiles(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.count();
        }
    }
}
