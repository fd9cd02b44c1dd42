/**
 * Benchmarks written the way open-source libraries write theirs: all four JMH modes, groups, several
 * threads, set-up at every level, operations from nanoseconds to milliseconds and up to a megabyte of
 * allocation. What each truly allocates is in corpus-benchmarks/README.md. {@link dev.allocgate.corpus.Inject}
 * injects a regression into every benchmark from the environment, without a code change.
 */
package dev.allocgate.corpus;
