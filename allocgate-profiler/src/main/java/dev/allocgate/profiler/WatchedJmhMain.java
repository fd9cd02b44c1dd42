package dev.allocgate.profiler;

/**
 * JMH's own command line ({@code org.openjdk.jmh.Main}) in a JVM that ends when the allocgate process that started
 * it ends ({@link ParentWatch}): the fixed engine's JMH host, whose forks end with it when their link to it breaks.
 */
public final class WatchedJmhMain {

    private WatchedJmhMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatch.start();
        org.openjdk.jmh.Main.main(args);
    }
}
