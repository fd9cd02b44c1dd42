package dev.allocgate.core.report;

import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, ...)} with {@code %.Nf}, {@code %+.Nf} (N up to 2) and
 * {@code %.Ng} (N from 1 to 6), to the same text without a {@link java.util.Formatter}: reports print
 * hundreds of thousands of numbers.
 *
 * <p>The Formatter rounds the shortest decimal form of the double half-up, which is not always the
 * double's exact value rounded (0.15 gives 0.2). The two can only differ next to a rounding tie,
 * so values within {@value #TIE_MARGIN} of a tie (in units of the last printed digit), values too
 * large or too small for an exact fraction, zero in {@code %g}, and NaN and infinities are left to
 * the Formatter.
 */
final class DecimalText {

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
    /** Below this many last-digit units the scaled value's fraction is accurate to far better than the margin. */
    private static final double EXACT_LIMIT = 1e12;
    private static final double TIE_MARGIN = 1e-3;
    /** Decimal exponents {@code %g} handles itself; the Formatter does the rest. */
    private static final int MIN_EXPONENT = -300;
    private static final int MAX_EXPONENT = 300;

    private DecimalText() {
    }

    /** As {@code String.format(Locale.ROOT, "%.<decimals>f", v)}. */
    static String fixed(double v, int decimals) {
        return appendFixed(new StringBuilder(24), v, decimals, false).toString();
    }

    /**
     * Appends {@code v} as {@code String.format(Locale.ROOT, plusSign ? "%+.<decimals>f" : "%.<decimals>f", v)}.
     */
    static StringBuilder appendFixed(StringBuilder out, double v, int decimals, boolean plusSign) {
        long scale = POWERS_OF_TEN[decimals];
        long units = roundedUnits(Math.abs(v) * scale);
        if (units < 0) {
            return out.append(String.format(Locale.ROOT, (plusSign ? "%+." : "%.") + decimals + "f", v));
        }
        if (Double.compare(v, 0.0) < 0) {
            out.append('-'); // also for -0.0 and values that round to zero, as the Formatter does
        } else if (plusSign) {
            out.append('+');
        }
        out.append(units / scale);
        if (decimals > 0) {
            out.append('.');
            appendPadded(out, units % scale, decimals);
        }
        return out;
    }

    /** As {@code String.format(Locale.ROOT, "%.<digits>g", v)}: significant digits, scientific below 1e-4 and from 10^digits. */
    static String general(double v, int digits) {
        double magnitude = Math.abs(v);
        int exponent = magnitude > 0 && magnitude < Double.POSITIVE_INFINITY ? (int) Math.floor(Math.log10(magnitude)) : 0;
        if (exponent > MIN_EXPONENT && exponent < MAX_EXPONENT) {
            // log10 may be off by one next to a power of ten
            if (Math.pow(10, exponent) > magnitude) {
                exponent--;
            } else if (Math.pow(10, exponent + 1) <= magnitude) {
                exponent++;
            }
        }
        long units = exponent > MIN_EXPONENT && exponent < MAX_EXPONENT && digits < POWERS_OF_TEN.length
                ? roundedUnits(magnitude * Math.pow(10, digits - 1 - exponent)) : -1;
        if (units < POWERS_OF_TEN[digits - 1] || magnitude == 0) { // also when the exponent came out wrong
            return String.format(Locale.ROOT, "%." + digits + "g", v);
        }
        if (units == POWERS_OF_TEN[digits]) { // rounded up to the next power of ten
            units /= 10;
            exponent++;
        }
        StringBuilder out = new StringBuilder(16);
        if (v < 0) {
            out.append('-');
        }
        String significant = Long.toString(units);
        if (exponent < -4 || exponent >= digits) {
            out.append(significant.charAt(0));
            if (digits > 1) {
                out.append('.').append(significant, 1, digits);
            }
            out.append(exponent < 0 ? "e-" : "e+");
            appendPadded(out, Math.abs(exponent), 2);
        } else if (exponent < 0) {
            out.append("0.");
            appendPadded(out, 0, -exponent - 1);
            out.append(significant);
        } else {
            out.append(significant, 0, exponent + 1);
            if (exponent + 1 < digits) {
                out.append('.').append(significant, exponent + 1, digits);
            }
        }
        return out.toString();
    }

    /** {@code scaled} rounded to a whole number; -1 when too close to a tie or too large to tell. */
    private static long roundedUnits(double scaled) {
        double whole = Math.floor(scaled);
        double fraction = scaled - whole;
        if (!(scaled < EXACT_LIMIT) || Math.abs(fraction - 0.5) < TIE_MARGIN) {
            return -1;
        }
        return (long) whole + (fraction > 0.5 ? 1 : 0);
    }

    /** {@code value} (not negative) with leading zeros to {@code width} digits ({@code width} 0 appends nothing for 0). */
    private static void appendPadded(StringBuilder out, long value, int width) {
        if (width == 0) {
            return;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            out.append('0');
        }
        out.append(value); // straight into the builder, no String
    }
}
