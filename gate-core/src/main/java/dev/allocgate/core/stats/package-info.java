/**
 * Distribution-free statistics for comparing per-fork allocation samples: median summaries with
 * order-statistic confidence intervals, exact tie-aware one-sided Mann-Whitney U tests, the
 * Hodges-Lehmann shift with its confidence interval, and Holm's multiple-comparison correction.
 */
package dev.allocgate.core.stats;
