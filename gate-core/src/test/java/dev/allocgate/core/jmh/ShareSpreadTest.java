package dev.allocgate.core.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.model.Sample;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The operations over which JMH's per-iteration share is bounded ({@link JmhResultReader#shareSpreadOver}): the bound
 * must hold for the figure the gate compares (a fork's median iteration, or its mean), whatever each iteration's share
 * up to the bound and however its operations vary.
 */
class ShareSpreadTest {

    private static final double SHARE = 64; // objects per iteration

    /** JsonParse records=20 on JDK 17: one counted iteration slowed to 117 operations, the others about 400. */
    @Test
    void oneSlowIterationDoesNotWidenTheBoundOfAForksMedianIteration() {
        assertEquals(400, JmhResultReader.shareSpreadOver(new double[] {117, 400, 410}, true));
        double harmonic = 3 / (1 / 117.0 + 1 / 400.0 + 1 / 410.0);
        assertEquals(harmonic, JmhResultReader.shareSpreadOver(new double[] {117, 400, 410}, false), 1e-9,
                "a mean of iterations carries a third of the slow one's share");
        assertEquals(4100, JmhResultReader.shareSpreadOver(new double[] {6000, 4100}, true), "of two, the fewer");
        assertEquals(50, JmhResultReader.shareSpreadOver(new double[] {50}, false));
    }

    @Property(tries = 2000, seed = "20261205")
    void theBoundHoldsForTheMedianAndTheMeanOfIterations(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 100_000) Integer> operations,
            @ForAll @Size(min = 12, max = 12) List<@DoubleRange(min = 0, max = 1) Double> shareFractions) {
        double[] counts = operations.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] perOperation = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            perOperation[i] = shareFractions.get(i) * SHARE / counts[i];
        }
        double median = new Sample(perOperation).median();
        double mean = Arrays.stream(perOperation).average().orElseThrow();
        double medianBound = SHARE / JmhResultReader.shareSpreadOver(counts.clone(), true);
        double meanBound = SHARE / JmhResultReader.shareSpreadOver(counts.clone(), false);
        assertTrue(median <= medianBound * (1 + 1e-12), median + " > " + medianBound);
        assertTrue(median <= meanBound * (1 + 1e-12) && mean <= meanBound * (1 + 1e-12),
                "mean figures' bound " + meanBound + " holds median " + median + " and mean " + mean);
    }
}
