package dev.allocgate.core.config;

import dev.allocgate.core.gate.EnvironmentPolicy;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Threshold;
import dev.allocgate.core.model.Metric;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateConfigurationTest {

    @Test
    void nothingGivenIsTheGatesDefaults() {
        GateSettings settings = GateConfiguration.of(Map.of()).gateSettings(true);
        GateSettings defaults = GateSettings.defaults();
        assertEquals(defaults.alpha(), settings.alpha());
        assertEquals(defaults.thresholds(), settings.thresholds());
        assertEquals(defaults.gatedMetrics(), settings.gatedMetrics());
        assertEquals(defaults.infraPerIteration(), settings.infraPerIteration());
        assertEquals(defaults.environmentPolicy(), settings.environmentPolicy());
        assertEquals(List.of(defaults.failOnRegression(), defaults.failOnMissing(), defaults.failOnNew(),
                defaults.failOnInconclusive()), List.of(settings.failOnRegression(), settings.failOnMissing(),
                settings.failOnNew(), settings.failOnInconclusive()));
        assertEquals(Set.of(Metric.BYTES_PER_OP), GateConfiguration.of(Map.of()).gateSettings(false).gatedMetrics());
    }

    @Test
    void givenValuesWin() {
        GateConfiguration c = GateConfiguration.of(Map.of("allocgate.thresholdBytes", "16", "allocgate.gateAllocRate", "TRUE",
                "allocgate.onEnvironmentMismatch", " skip ", "allocgate.include", "a\\.B, c", "allocgate.alpha", "",
                "allocgate.results", "build/results/jmh/results.json", "user.home", "ignored"));
        GateSettings s = c.gateSettings(false);
        assertEquals(new Threshold(1.0, 16.0), s.thresholds().get(Metric.BYTES_PER_OP));
        assertEquals(Set.of(Metric.BYTES_PER_OP, Metric.ALLOC_RATE), s.gatedMetrics());
        assertEquals(EnvironmentPolicy.SKIP, s.environmentPolicy());
        assertEquals(0.05, s.alpha(), "blank is not given");
        assertEquals(List.of("a\\.B", "c"), c.filter().includes());
        assertEquals(Optional.of(Path.of("build/results/jmh/results.json")), c.path(GateConfiguration.RESULTS));
        assertEquals(List.of("x{1,3}"), c.withList(GateConfiguration.INCLUDE, List.of("x{1,3}")).filter().includes(),
                "a list given as elements keeps its commas");
    }

    @Test
    void badValuesNameTheSetting() {
        String[][] cases = {
                {"allocgate.thresholdBytes", "-4", "allocgate.thresholdBytes must be a finite number >= 0, not -4.0"},
                {"allocgate.alpha", "1.5", "allocgate.alpha must be a number between 0 and 1 (exclusive), not 1.5"},
                {"allocgate.alpha", "often", "allocgate.alpha must be a number, not 'often'"},
                {"allocgate.failOnNew", "yes", "allocgate.failOnNew must be true or false, not 'yes'"},
                {"allocgate.onEnvironmentMismatch", "ignore", "allocgate.onEnvironmentMismatch must be fail, skip or compare"},
        };
        for (String[] c : cases) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> GateConfiguration.of(Map.of(c[0], c[1])).gateSettings(true));
            assertTrue(e.getMessage().startsWith(c[2]), e.getMessage());
            assertEquals(c[0], e.property());
            assertEquals(c[1], e.value());
        }
        InvalidSettingException typo = assertThrows(InvalidSettingException.class,
                () -> GateConfiguration.of(Map.of("allocgate.tresholdBytes", "8")));
        assertTrue(typo.getMessage().contains("is not a setting") && typo.getMessage().contains("allocgate.thresholdBytes"),
                typo.getMessage());
    }
}
