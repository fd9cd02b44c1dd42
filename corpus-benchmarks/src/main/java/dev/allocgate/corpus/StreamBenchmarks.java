package dev.allocgate.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A stream pipeline with lambdas, one capturing, collected into a presized list. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class StreamBenchmarks {

    record Order(long id, String customer, int quantity, long priceCents) {
    }

    @Param({"16", "256", "4096"})
    public int size;

    private List<Order> orders;
    private int minQuantity = 3;

    @Setup
    public void setUp() {
        orders = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            orders.add(new Order(i, "customer-" + (i % 10), 1 + i % 7, 499 + i * 10L));
        }
    }

    @Benchmark
    public List<String> bigOrderCustomers() {
        int min = minQuantity;
        List<String> customers = orders.stream()
                .filter(o -> o.quantity() >= min)
                .map(Order::customer)
                .collect(Collectors.toCollection(() -> new ArrayList<>(size + Inject.REFS)));
        Inject.object();
        return customers;
    }
}
