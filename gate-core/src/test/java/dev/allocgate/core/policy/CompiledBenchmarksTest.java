package dev.allocgate.core.policy;

import dev.allocgate.core.model.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompiledBenchmarksTest {

    static final String CODEC = """
            package p;
            import dev.allocgate.annotations.AllocationBudget;
            import org.openjdk.jmh.annotations.*;
            @State(Scope.Benchmark)
            @AllocationBudget(bytesPerOp = 1024)
            public class Codec {
                @Param({"10", "1000"}) public int size;
                @Param({"pooled", "fresh"}) public String mode;
                @Benchmark @AllocationBudget(bytesPerOp = 0, objectsPerOp = 0) public long encode() { return 1; }
                @Benchmark @AllocationBudget(bytesPerOp = 64, per = "size", bytesPerUnit = 16) public Object copy() { return null; }
                @Benchmark
                @AllocationBudget(when = "mode=pooled", objectsPerOp = 0)
                @AllocationBudget(bytesPerOp = 4096)
                public Object read() { return null; }
                @Benchmark public Object plain() { return helper(1, 2); }
                @Setup public void setUp() { }
                @CompilerControl(CompilerControl.Mode.DONT_INLINE) private static Object helper(int... values) { return values; }
                public static class Inner {
                    @Benchmark @AllocationBudget(bytesPerOp = 8) public long nested() { return 2; }
                }
            }
            """;

    @Test
    void theMethodsOfAGroupAreOneBenchmarkNamedByTheGroup(@TempDir Path dir) throws Exception {
        CompiledBenchmarks c = Compiled.of(dir, Map.of("p/Queue.java", """
                package p;
                import dev.allocgate.annotations.AllocationBudget;
                import org.openjdk.jmh.annotations.*;
                @State(Scope.Group)
                public class Queue {
                    @Benchmark @Group("handoff") @GroupThreads(1) @AllocationBudget(bytesPerOp = 64) public void put() { }
                    @Group("handoff") @Benchmark @GroupThreads(2) public Object take() { return null; }
                    @Benchmark public long size() { return 0; }
                }
                """));
        assertEquals(Set.of("p.Queue.handoff", "p.Queue.size"), c.benchmarks());
        assertEquals(List.of(), c.problems());
        assertEquals(64.0, c.budgets().get("p.Queue.handoff").get(0).bytesPerOp(), "a member's budget holds for the group");
    }

    @Test
    void readsBudgetsOfMethodsThenClassesWithoutLoadingThem(@TempDir Path dir) throws Exception {
        CompiledBenchmarks c = Compiled.of(dir, Map.of("p/Codec.java", CODEC, "p/jmh_generated/Codec_jmhType.java", """
                package p.jmh_generated;
                public class Codec_jmhType extends p.Codec { }
                """));
        assertEquals(Set.of("p.Codec.encode", "p.Codec.copy", "p.Codec.read", "p.Codec.plain", "p.Codec.Inner.nested"),
                c.benchmarks());
        assertEquals(List.of(), c.problems());
        List<Budget> encode = c.budgets().get("p.Codec.encode");
        assertEquals(2, encode.size(), "the method's budget, then the class's");
        assertEquals(0.0, encode.get(0).bytesPerOp());
        assertEquals(0.0, encode.get(0).objectsPerOp());
        assertEquals(1024.0, encode.get(1).bytesPerOp());
        assertTrue(Double.isNaN(encode.get(1).objectsPerOp()), "unset is NaN");
        assertEquals(1024.0, c.budgets().get("p.Codec.plain").get(0).bytesPerOp(), "the class's budget");
        assertEquals(List.of(), c.budgets().get("p.Codec.Inner.nested").subList(1, 1));
        assertEquals(8.0, c.budgets().get("p.Codec.Inner.nested").get(0).bytesPerOp());
        List<Budget> read = c.budgets().get("p.Codec.read");
        assertEquals(Map.of("mode", "pooled"), read.get(0).when(), "repeated annotations in declaration order");
        assertEquals(4096.0, read.get(1).bytesPerOp());
        assertEquals(Set.of("10", "1000"), c.params().get("size"));

        Policy policy = Policy.of(List.of(), c);
        assertEquals(Map.of(Metric.BYTES_PER_OP, 64.0 + 16 * 1000),
                policy.resolve("p.Codec.copy", Map.of("size", "1000", "mode", "fresh")).limits(), "64 + 16 per size");
        assertEquals(Map.of(Metric.OBJECTS_PER_OP, 0.0),
                policy.resolve("p.Codec.read", Map.of("size", "10", "mode", "pooled")).limits());
        assertEquals(Map.of(Metric.BYTES_PER_OP, 4096.0),
                policy.resolve("p.Codec.read", Map.of("size", "10", "mode", "fresh")).limits());
    }

    @Test
    void budgetsThatCannotHoldAreProblemsNamingThePlace(@TempDir Path dir) throws Exception {
        CompiledBenchmarks c = Compiled.of(dir, Map.of("q/Bad.java", """
                package q;
                import dev.allocgate.annotations.AllocationBudget;
                import org.openjdk.jmh.annotations.*;
                public class Bad {
                    @AllocationBudget(bytesPerOp = 0) public long helper() { return 1; }
                    @Benchmark @AllocationBudget(bytesPerOp = -5) public long negative() { return 1; }
                    @Benchmark @AllocationBudget(per = "size") public long noLimit() { return 1; }
                }
                """, "q/NoBenchmarks.java", """
                package q;
                @dev.allocgate.annotations.AllocationBudget(objectsPerOp = 1)
                public class NoBenchmarks { }
                """));
        String all = String.join("\n", c.problems());
        assertTrue(all.contains("@AllocationBudget on q.Bad.helper, which is not a @Benchmark method"), all);
        assertTrue(all.contains("@AllocationBudget on q.Bad.negative: bytesPerOp = -5.0 is not a budget"), all);
        assertTrue(all.contains("@AllocationBudget on q.Bad.noLimit sets no limit"), all);
        assertTrue(all.contains("@AllocationBudget on class q.NoBenchmarks, which has no @Benchmark method"), all);
        PolicyException e = org.junit.jupiter.api.Assertions.assertThrows(PolicyException.class, () -> Policy.of(List.of(), c));
        assertEquals(4, e.problems().size(), e.getMessage());
    }

    @Test
    void inheritedBenchmarksRunUnderTheSubclassWithTheNearestBudget(@TempDir Path dir) throws Exception {
        CompiledBenchmarks c = Compiled.of(dir, Map.of("r/Base.java", """
                package r;
                import dev.allocgate.annotations.AllocationBudget;
                import org.openjdk.jmh.annotations.*;
                @AllocationBudget(bytesPerOp = 100)
                public abstract class Base {
                    @Benchmark @AllocationBudget(bytesPerOp = 0) public long shared() { return 1; }
                }
                """, "r/Impl.java", """
                package r;
                public class Impl extends Base { }
                """));
        assertEquals(Set.of("r.Impl.shared"), c.benchmarks());
        assertEquals(List.of(0.0, 100.0), c.budgets().get("r.Impl.shared").stream().map(Budget::bytesPerOp).toList());
        assertEquals(List.of(), c.problems());
    }
}
