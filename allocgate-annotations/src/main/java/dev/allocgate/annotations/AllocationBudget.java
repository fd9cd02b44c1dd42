package dev.allocgate.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The most a JMH benchmark may allocate per operation, whatever its baseline says. allocgate reads it from the
 * compiled class (the class is never loaded for it) and gates on it even when there is no baseline, so a new
 * benchmark is gated on its first run: measuring more than the budget is the verdict {@code OVER_BUDGET}.
 *
 * <p>On a {@code @Benchmark} method, or on its class for every benchmark in it; a method's budgets win over its
 * class's. Where allocation depends on a {@code @Param}, either scale the budget with it ({@link #per()}), or give
 * one budget per value ({@link #when()}, repeat the annotation); the first budget whose {@code when} holds applies:
 *
 * <pre>{@code
 * @Benchmark @AllocationBudget(bytesPerOp = 0)                        // allocation-free
 * public long encode() { ... }
 *
 * @Benchmark @AllocationBudget(bytesPerOp = 64, per = "size", bytesPerUnit = 16)  // 64 + 16 * size bytes
 * public List<Long> copy() { ... }
 *
 * @Benchmark
 * @AllocationBudget(when = "mode=pooled", objectsPerOp = 0)
 * @AllocationBudget(bytesPerOp = 4096)                                   // every other mode
 * public Buffer read() { ... }
 * }</pre>
 *
 * <p>A budget below the measurement noise (about 0.05 B/op, 0.01 objects/op) reads as zero: an allocation-free
 * budget does not fail on the few millionths of a byte per operation an allocation-free benchmark measures.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(AllocationBudget.List.class)
public @interface AllocationBudget {

    /** The value of a limit that is not set. */
    double UNSET = -1;

    /** Most bytes per operation (plus {@link #bytesPerUnit()} times the {@link #per()} parameter); unset by default. */
    double bytesPerOp() default UNSET;

    /** Most objects per operation (plus {@link #objectsPerUnit()} times the {@link #per()} parameter); unset by default. */
    double objectsPerOp() default UNSET;

    /** Name of a numeric {@code @Param}: the limits grow by {@code bytesPerUnit} and {@code objectsPerUnit} per unit of it. */
    String per() default "";

    /** Bytes per operation added per unit of the {@link #per()} parameter. */
    double bytesPerUnit() default 0;

    /** Objects per operation added per unit of the {@link #per()} parameter. */
    double objectsPerUnit() default 0;

    /**
     * {@code @Param} values this budget is for, as {@code name=value} (several separated by commas, all must hold);
     * empty: every value.
     */
    String when() default "";

    /** The container of repeated budgets; written by the compiler, not by hand. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @interface List {
        AllocationBudget[] value();
    }
}
