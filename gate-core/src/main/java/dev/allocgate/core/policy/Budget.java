package dev.allocgate.core.policy;

import dev.allocgate.core.model.Metric;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One {@code @AllocationBudget} as compiled: the most a benchmark may allocate per operation, with no baseline needed.
 *
 * @param declaredOn     where the annotation is: {@code package.Class.method} or {@code package.Class}
 * @param when           {@code @Param} values it is for; empty: all
 * @param per            name of the numeric {@code @Param} the limits grow with; empty: none
 * @param bytesPerOp     most bytes per operation, or {@code NaN} when not set
 * @param objectsPerOp   most objects per operation, or {@code NaN} when not set
 * @param bytesPerUnit   bytes per operation added per unit of {@code per}
 * @param objectsPerUnit objects per operation added per unit of {@code per}
 */
public record Budget(String declaredOn, SortedMap<String, String> when, String per, double bytesPerOp,
                     double objectsPerOp, double bytesPerUnit, double objectsPerUnit) {

    public Budget {
        when = Collections.unmodifiableSortedMap(new TreeMap<>(when));
        per = per == null ? "" : per.strip();
    }

    /** Whether this budget is for a benchmark run with {@code params}. */
    public boolean appliesTo(Map<String, String> params) {
        return ParamValues.match(when, params);
    }

    /**
     * The limits for a run with {@code params}, per metric that has one.
     *
     * @throws IllegalArgumentException when {@code per}'s value is missing or not a number
     */
    public Map<Metric, Double> limits(Map<String, String> params) {
        double units = 0;
        if (!per.isEmpty()) {
            String value = params.get(per);
            try {
                units = Double.parseDouble(value == null ? "" : value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("@AllocationBudget on " + declaredOn + " grows per @Param '" + per
                        + "', but that parameter is " + (value == null ? "not set for this benchmark" : "'" + value
                        + "', not a number") + ": name a numeric @Param of the benchmark in per=");
            }
        }
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        if (!Double.isNaN(bytesPerOp)) {
            out.put(Metric.BYTES_PER_OP, bytesPerOp + bytesPerUnit * units);
        }
        if (!Double.isNaN(objectsPerOp)) {
            out.put(Metric.OBJECTS_PER_OP, objectsPerOp + objectsPerUnit * units);
        }
        return out;
    }

    /** The annotation as written, for messages: {@code @AllocationBudget(bytesPerOp = 0) on x.Y.z}. */
    public String label() {
        StringBuilder out = new StringBuilder("@AllocationBudget(");
        String sep = "";
        if (!when.isEmpty()) {
            out.append("when = \"").append(ParamValues.label(when)).append('"');
            sep = ", ";
        }
        if (!Double.isNaN(bytesPerOp)) {
            out.append(sep).append("bytesPerOp = ").append(PolicyRule.number(bytesPerOp));
            sep = ", ";
        }
        if (!Double.isNaN(objectsPerOp)) {
            out.append(sep).append("objectsPerOp = ").append(PolicyRule.number(objectsPerOp));
            sep = ", ";
        }
        if (!per.isEmpty()) {
            out.append(sep).append("per = \"").append(per).append('"');
            if (bytesPerUnit != 0) {
                out.append(", bytesPerUnit = ").append(PolicyRule.number(bytesPerUnit));
            }
            if (objectsPerUnit != 0) {
                out.append(", objectsPerUnit = ").append(PolicyRule.number(objectsPerUnit));
            }
        }
        return out.append(") on ").append(declaredOn).toString();
    }
}
