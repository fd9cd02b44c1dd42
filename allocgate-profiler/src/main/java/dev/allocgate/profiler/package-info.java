/**
 * allocgate's JMH profilers: {@link dev.allocgate.profiler.WorkerBytesProfiler}, bytes per operation of the
 * benchmark's JMH worker threads only (no native code); {@link dev.allocgate.profiler.ObjectCountProfiler}, objects
 * per operation, fed by the allocgate JVMTI agent; and {@link dev.allocgate.profiler.NativeAgent}, which finds and
 * extracts the agent library bundled for the current platform.
 */
package dev.allocgate.profiler;
