package dev.allocgate.profiler;

/**
 * A JVM that watches its standard input as a fork does, then releases the watch as its shutdown hook would, and
 * says whether the watch ended without taking the JVM down: for {@link ParentWatchTest}.
 */
public final class ReleasedWatchMain {

    private ReleasedWatchMain() {
    }

    public static void main(String[] args) {
        ParentWatch.Watch watch = ParentWatch.start(System.in, () -> Runtime.getRuntime().halt(ParentWatch.EXIT_PARENT_GONE));
        watch.releaseStandardInput();
        System.out.println("watch alive after release: " + watch.thread().isAlive());
    }
}
