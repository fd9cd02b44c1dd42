package dev.allocgate.core.report;

import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%.Nf", v)} (and {@code "%+.Nf"}) for N up to 2, to the same
 * text without a {@link java.util.Formatter}: reports print hundreds of thousands of numbers.
 *
 * <p>The Formatter rounds the shortest decimal form of the double half-up, which is not always the
 * double's exact value rounded (0.15 gives 0.2). The two can only differ next to a rounding tie,
 * so values within {@value #TIE_MARGIN} of a tie (in units of the last printed digit), values too
 * large for an exact fraction, and NaN and infinities are left to the Formatter.
 */
final class FixedPoint {

    private static final long[] SCALE = {1, 10, 100};
    /** Below this many last-digit units the scaled value's fraction is accurate to far better than the margin. */
    private static final double EXACT_LIMIT = 1e12;
    private static final double TIE_MARGIN = 1e-3;

    private FixedPoint() {
    }

    /** As {@code String.format(Locale.ROOT, "%.<decimals>f", v)}. */
    static String format(double v, int decimals) {
        return append(new StringBuilder(24), v, decimals, false).toString();
    }

    /**
     * Appends {@code v} as {@code String.format(Locale.ROOT, plusSign ? "%+.<decimals>f" : "%.<decimals>f", v)}.
     */
    static StringBuilder append(StringBuilder out, double v, int decimals, boolean plusSign) {
        long scale = SCALE[decimals];
        double scaled = Math.abs(v) * scale;
        double whole = Math.floor(scaled);
        double fraction = scaled - whole;
        if (!(scaled < EXACT_LIMIT) || Math.abs(fraction - 0.5) < TIE_MARGIN) {
            return out.append(String.format(Locale.ROOT, (plusSign ? "%+." : "%.") + decimals + "f", v));
        }
        long units = (long) whole + (fraction > 0.5 ? 1 : 0);
        if (Double.compare(v, 0.0) < 0) {
            out.append('-'); // also for -0.0 and values that round to zero, as the Formatter does
        } else if (plusSign) {
            out.append('+');
        }
        out.append(units / scale);
        if (decimals > 0) {
            out.append('.');
            long rest = units % scale;
            for (long digit = scale / 10; digit > 1 && rest < digit; digit /= 10) {
                out.append('0');
            }
            out.append(rest);
        }
        return out;
    }
}
