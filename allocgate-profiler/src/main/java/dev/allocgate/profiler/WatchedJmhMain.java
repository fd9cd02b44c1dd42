package dev.allocgate.profiler;

/**
 * JMH's own command line ({@code org.openjdk.jmh.Main}) in a JVM that ends when the allocgate process that started
 * it ends ({@link ParentWatch}): the fixed engine's JMH host. It kills its forks first: a JMH fork notices that its
 * host is gone only when it next reports to it, at the end of an iteration, which for a hung benchmark is never.
 */
public final class WatchedJmhMain {

    private WatchedJmhMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatch.start(() -> {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(ParentWatch.EXIT_PARENT_GONE);
        });
        org.openjdk.jmh.Main.main(args);
    }
}
