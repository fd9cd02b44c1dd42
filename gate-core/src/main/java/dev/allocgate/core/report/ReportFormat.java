package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.Environment;

import java.io.IOException;
import java.io.Writer;

/**
 * One report file: its name in the output directory and how a gate report is written into it. {@link ReportFiles}
 * writes every format of {@link ReportFiles#FORMATS}, side by side; a new format is one class and one entry there.
 */
public interface ReportFormat {

    /** The file's name in the output directory, e.g. {@code report.json}. */
    String fileName();

    /**
     * How large this format's output is compared with the others' for the same report (any scale, larger is
     * larger): the largest formats start first, and the largest of all is rendered on the calling thread.
     */
    int relativeSize();

    /**
     * Writes the whole report to {@code out} (not closed), UTF-8 text.
     *
     * @param environment the current run's environment, for the formats that list it; {@code null} when unknown
     */
    void write(GateReport report, Environment environment, Writer out) throws IOException;
}
