/**
 * allocgate's objects-per-operation measurement: {@link dev.allocgate.profiler.ObjectCountProfiler}, a JMH
 * profiler fed by the allocgate JVMTI agent, and {@link dev.allocgate.profiler.NativeAgent}, which finds and
 * extracts the agent library bundled for the current platform.
 */
package dev.allocgate.profiler;
