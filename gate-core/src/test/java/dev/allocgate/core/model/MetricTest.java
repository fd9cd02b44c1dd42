package dev.allocgate.core.model;

import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Threshold;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every metric's facts are complete and are the ones the gate's defaults use. */
class MetricTest {

    @Test
    void everyMetricHasItsFacts() {
        for (Metric m : Metric.values()) {
            assertTrue(m.gcProfilerName() != null || m.allocgateProfilerName() != null, m + " is read from some JMH result");
            assertTrue(!m.key().isBlank() && !m.unit().isBlank() && !m.label().isBlank() && !m.howToMeasure().isBlank(), m.toString());
            assertTrue(m.noiseFloor() >= 0 && m.jmhOwnPerIteration() >= 0, m.toString());
            assertEquals(m.assumption() == Metric.Assumption.EXACT, m.noiseFloor() > 0,
                    m + ": exact counts have a noise floor, statistical quantities none");
            assertEquals(m, Metric.fromKey(m.key()).orElseThrow());
        }
        assertEquals(Metric.values().length, Arrays.stream(Metric.values()).map(Metric::key).collect(Collectors.toSet()).size());
        assertEquals(List.of(Metric.BYTES_PER_OP, Metric.OBJECTS_PER_OP), Metric.exact());
    }

    @Test
    void bothJmhSpellingsOfAName() {
        assertEquals(List.of("gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm"),
                Metric.jmhSpellings(Metric.BYTES_PER_OP.gcProfilerName()));
        assertEquals("gc.alloc.rate", Metric.ALLOC_RATE.gcProfilerName());
        assertEquals("allocgate.objects.norm", Metric.OBJECTS_PER_OP.allocgateProfilerName());
    }

    @Test
    void theGatesDefaultsAreTheMetricsFacts() {
        GateSettings defaults = GateSettings.defaults();
        for (Metric m : Metric.values()) {
            assertEquals(new Threshold(m.defaultThresholdPercent(), m.defaultThresholdAbsolute()), defaults.thresholds().get(m));
            assertEquals(m.gatedByDefault(), defaults.isGated(m), m.toString());
            assertEquals(m.jmhOwnPerIteration(), defaults.infraPerIteration(m), m.toString());
        }
        assertEquals(Set.of(Metric.BYTES_PER_OP, Metric.OBJECTS_PER_OP), defaults.gatedMetrics());
        assertEquals(new Threshold(1.0, 4.0), GateSettings.DEFAULT_BYTES_THRESHOLD);
    }
}
