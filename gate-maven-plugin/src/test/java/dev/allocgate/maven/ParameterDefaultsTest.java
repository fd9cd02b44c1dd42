package dev.allocgate.maven;

import dev.allocgate.core.config.GateConfiguration;
import dev.allocgate.core.config.RunConfiguration;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The goals' documented parameter defaults (the generated plugin descriptor, which {@code mvn help:describe} shows)
 * are the defaults gate-core resolves (for the CLI, and for the run settings of the goals themselves): one set of
 * defaults, whichever front end runs.
 */
class ParameterDefaultsTest {
    /** The judging and the run settings. */
    private static final java.util.List<GateConfiguration.Setting> SETTINGS = java.util.stream.Stream.concat(
            GateConfiguration.SETTINGS.stream(), RunConfiguration.SETTINGS.stream()).toList();
    private static final Pattern PARAMETER =
            Pattern.compile("<\\w+ implementation=\"[^\"]*\" default-value=\"([^\"]*)\">\\$\\{(allocgate\\.[A-Za-z]+)}<");

    @Test
    void everyGoalsDefaultIsTheCoresDefault() throws IOException {
        String descriptor;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertTrue(in != null, "the plugin descriptor is generated before the tests");
            descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> checked = new TreeMap<>();
        Matcher m = PARAMETER.matcher(descriptor);
        while (m.find()) {
            String property = m.group(2);
            for (GateConfiguration.Setting s : SETTINGS) {
                if (s.property().equals(property) && s.defaultValue() != null && !s.defaultValue().isEmpty()) {
                    assertEquals(normal(s.defaultValue()), normal(m.group(1)), property);
                    checked.put(property, m.group(1));
                }
            }
        }
        assertTrue(checked.keySet().containsAll(java.util.List.of("allocgate.alpha", "allocgate.thresholdBytes",
                "allocgate.thresholdObjects", "allocgate.infraBytesPerIteration", "allocgate.onEnvironmentMismatch",
                "allocgate.failOnNew", "allocgate.objects", "allocgate.maxWarmup", "allocgate.forks", "allocgate.engine",
                "allocgate.warmupTime", "allocgate.objectsUnavailable")), checked.toString());
    }

    private static String normal(String value) {
        try {
            return Double.toString(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return value.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
