package dev.allocgate.profiler;

/**
 * The allocgate JVMTI agent's counters, read through JNI natives that HotSpot resolves in the library
 * loaded with {@code -agentpath} (no {@code System.loadLibrary}). Calling any of them without the agent
 * throws {@link UnsatisfiedLinkError}.
 */
final class AgentCounters {

    /** The ABI version this class expects from {@code allocgate_agent.c}. */
    static final int EXPECTED_ABI_VERSION = 3;

    private AgentCounters() {
    }

    /** The agent's ABI version, or -1 if its {@code Agent_OnLoad} did not complete. */
    static native int abiVersion();

    /** Objects allocated by all threads since the agent was loaded. */
    static native long allObjects();

    /** Objects allocated by JMH worker threads (named {@code *-jmh-worker-*}) since the agent was loaded. */
    static native long workerObjects();

    /**
     * Objects allocated by one JMH worker thread while the agent counted, or -1 when the thread is not one (or has not
     * been classified yet: a thread is classified when it starts or first allocates).
     */
    static native long threadObjects(Thread thread);

    /** Number of threads classified as JMH workers so far. */
    static native long workerThreads();

    /** Whether the agent counts: from its start, or, loaded with the option {@code deferred}, after {@link #startCounting()}. */
    static native boolean counting();

    /**
     * Switches the allocation profile's recording on or off (agent option {@code profile}); returns 0, or -1 when the
     * agent was loaded without that option.
     */
    static native int setProfiling(boolean on);

    /**
     * The allocation profile recorded so far, as tab-separated lines ({@code entry}, {@code frame} and a last
     * {@code unattributed} line, see {@code allocgate_agent.c}); null without the option {@code profile}.
     */
    static native String profileDump();

    /** Starts counting; returns the JVMTI error code, 0 on success. See {@link #startCountingForNewThreads()}. */
    private static native int startCounting();

    /**
     * Starts counting, for an agent loaded with the option {@code deferred}. A thread is counted fully only from its
     * next allocation buffer on, so threads that are to be counted must start after this call.
     *
     * @throws IllegalStateException when the agent is not loaded or the JVM refuses
     */
    static void startCountingForNewThreads() {
        requireLoaded();
        int error = startCounting();
        if (error != 0) {
            throw new IllegalStateException("allocgate objects/op: the agent could not start counting (JVMTI error "
                    + error + ")");
        }
    }

    /**
     * Checks that the agent is loaded, initialised and of the expected version.
     *
     * @throws IllegalStateException with the fix when it is not
     */
    static void requireLoaded() {
        int version;
        try {
            version = abiVersion();
        } catch (UnsatisfiedLinkError notLoaded) {
            throw new IllegalStateException("allocgate objects/op: the allocgate JVMTI agent is not loaded in this "
                    + "benchmark JVM, so objects per operation cannot be counted. Load it in the forked JVM, e.g. "
                    + "-jvmArgsAppend -agentpath:/path/to/" + NativeAgent.libraryFileName(
                            NativeAgent.currentPlatformDirectory().orElse("linux-x86_64"))
                    + " (NativeAgent.extractTo(dir) writes the library for this platform).", notLoaded);
        }
        if (version != EXPECTED_ABI_VERSION) {
            throw new IllegalStateException("allocgate objects/op: the loaded allocgate agent reports ABI version "
                    + version + " but this profiler needs " + EXPECTED_ABI_VERSION
                    + (version < 0 ? " (the agent failed to initialise)" : " (agent and profiler jar come from different builds)"));
        }
    }
}
