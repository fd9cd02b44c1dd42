package dev.allocgate.core.report;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link DecimalText} prints what {@code String.format} prints, ties, powers of ten and edge values included. */
class DecimalTextTest {

    @Test
    void sameTextAsStringFormat() {
        SplittableRandom random = new SplittableRandom(20_251_127);
        for (int i = 0; i < 5_000; i++) {
            double v = switch (i % 6) {
                case 0 -> random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-6, 16));
                case 1 -> Math.round(random.nextDouble(-1e6, 1e6)) / 20.0; // on and next to ties: x.x5, x.5
                case 2 -> Math.nextUp(Math.round(random.nextDouble(-1e4, 1e4)) / 200.0);
                case 3 -> Math.nextDown(Math.round(random.nextDouble(-1e4, 1e4)) / 20.0);
                case 4 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextInt(-100_000, 100_000) / 1000.0;
            };
            assertSame(v);
            assertSame(v * 1e-3); // the small numbers %.2g prints
            assertSame(random.nextDouble()); // p-values
        }
        for (int i = -320; i <= 310; i++) { // powers of ten and their neighbours
            double power = Double.parseDouble("1e" + i);
            assertSame(power);
            assertSame(Math.nextUp(power));
            assertSame(Math.nextDown(power));
            assertSame(power * 0.99995);
            assertSame(power * 0.9995);
        }
        for (double v : new double[] {0.0, -0.0, 0.05, 0.15, 0.25, 0.35, -0.04, 9.95, 99.95, 0.005, 1e12, 1e15, 1e23,
                4.5e15, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertSame(v);
        }
    }

    private static void assertSame(double v) {
        for (int digits = 1; digits <= 6; digits++) {
            assertEquals(String.format(Locale.ROOT, "%." + digits + "g", v), DecimalText.general(v, digits), "value " + v);
        }
        for (int decimals = 0; decimals <= 2; decimals++) {
            assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), DecimalText.fixed(v, decimals), "value " + v);
            assertEquals(String.format(Locale.ROOT, "%+." + decimals + "f", v),
                    DecimalText.appendFixed(new StringBuilder(), v, decimals, true).toString(), "value " + v);
        }
    }
}
