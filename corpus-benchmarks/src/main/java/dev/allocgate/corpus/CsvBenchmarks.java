package dev.allocgate.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Reading a 2,000-row CSV export into records, timed cold: single-shot, as import benchmarks are. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@State(Scope.Benchmark)
public class CsvBenchmarks {

    static final int ROWS = 2000;

    record Item(String sku, String name, int quantity, long priceCents) {
    }

    private String csv;

    @Setup
    public void setUp() {
        StringBuilder b = new StringBuilder("sku,name,quantity,price\n");
        for (int i = 0; i < ROWS; i++) {
            b.append("SKU-").append(100_000 + i).append(',')
                    .append(i % 9 == 0 ? "\"Widget, large\"" : "Widget " + (i % 50)).append(',')
                    .append(1 + i % 40).append(',').append(i % 300).append('.').append(10 + i % 90).append('\n');
        }
        csv = b.toString();
    }

    @Benchmark
    public List<Item> readItems() {
        List<Item> items = read(csv);
        Inject.object();
        return items;
    }

    static List<Item> read(String csv) {
        // presized from a row-length estimate, as readers that know the input size do
        List<Item> items = new ArrayList<>(csv.length() / 24 + Inject.REFS);
        int pos = csv.indexOf('\n') + 1; // header
        while (pos < csv.length()) {
            int end = csv.indexOf('\n', pos);
            int c1 = csv.indexOf(',', pos);
            String sku = csv.substring(pos, c1);
            int nameStart = c1 + 1;
            int c2;
            String name;
            if (csv.charAt(nameStart) == '"') {
                int close = csv.indexOf('"', nameStart + 1);
                name = csv.substring(nameStart + 1, close);
                c2 = close + 1;
            } else {
                c2 = csv.indexOf(',', nameStart);
                name = csv.substring(nameStart, c2);
            }
            int c3 = csv.indexOf(',', c2 + 1);
            int quantity = Integer.parseInt(csv, c2 + 1, c3, 10);
            int dot = csv.indexOf('.', c3 + 1);
            long cents = Long.parseLong(csv, c3 + 1, dot, 10) * 100 + Integer.parseInt(csv, dot + 1, end, 10);
            items.add(new Item(sku, name, quantity, cents));
            pos = end + 1;
        }
        return items;
    }
}
