package it.plain;

/** Ordinary code, no benchmarks. */
public class Plain {
    public int answer() {
        return 42;
    }
}
