package dev.allocgate.core.stats;

import dev.allocgate.core.model.Sample;
import java.util.Arrays;
import java.util.Objects;

/**
 * Center and a distribution-free confidence interval of one sample.
 *
 * @param center the median
 * @param lo lower end of the confidence interval of the median (an order statistic)
 * @param hi upper end of the confidence interval of the median
 */
public record Summary(double center, double lo, double hi) {

    /**
     * Median with the order-statistic (binomial) confidence interval of the median: the interval
     * {@code [x(k), x(n+1-k)]} with the largest {@code k} whose coverage
     * {@code 1 - 2 P(Binomial(n, 1/2) <= k-1)} is at least {@code confidence}. When {@code n} is too
     * small to reach that confidence ({@code 1 - 2^(1-n) < confidence}), the interval is
     * {@code [min, max]}.
     *
     * @param sample per-fork values
     * @param confidence requested two-sided coverage, strictly between 0 and 1
     * @return the median and its confidence interval
     * @throws IllegalArgumentException if {@code confidence} is not in (0, 1)
     */
    public static Summary of(Sample sample, double confidence) {
        Objects.requireNonNull(sample, "sample");
        checkConfidence(confidence);
        double[] sorted = sample.values();
        Arrays.sort(sorted);
        int n = sorted.length;
        // k = 1 (min..max) is the fallback; move inward while the next k keeps the coverage.
        // Binomial(n, 1/2) probabilities in log space so that large n does not underflow.
        int k = 1;
        double logPmf = -n * Math.log(2); // log P(B = k - 1)
        double cdf = Math.exp(logPmf); // P(B <= k - 1): the interval misses on each side with this
        while (k + 1 <= (n + 1) / 2) {
            double nextLogPmf = logPmf + Math.log((double) (n - k + 1) / k); // log P(B = k)
            double nextCdf = cdf + Math.exp(nextLogPmf);
            if (1 - 2 * nextCdf < confidence) {
                break;
            }
            k++;
            logPmf = nextLogPmf;
            cdf = nextCdf;
        }
        return new Summary(sample.median(), sorted[k - 1], sorted[n - k]);
    }

    static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1, got " + confidence);
        }
    }
}
