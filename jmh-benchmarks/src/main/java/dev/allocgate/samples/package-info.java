/**
 * Sample JMH benchmarks whose allocation per operation is known in advance. Each benchmark's
 * Javadoc gives the bytes per operation measured with {@code -prof gc} on JDK 17 x64 with
 * compressed oops and compressed class pointers (12-byte object headers, 8-byte alignment); the
 * build gates itself on them.
 */
package dev.allocgate.samples;
