package dev.allocgate.core.workflow;

import dev.allocgate.core.report.ReportFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Which report files in the output directory allocgate itself wrote. A run removes an earlier run's reports
 * before it starts, so that a failed run leaves none for a CI step to pick up; but the output directory may
 * be the user's own ({@code -Dallocgate.outputDirectory=.}), holding a {@code report.md} of theirs. So every
 * run lists the reports it wrote, with their size and modification time, in a small manifest, and the next
 * run deletes only the files listed there that are still exactly as written: never a file allocgate did not
 * write, nor one changed since.
 */
public final class OwnReports {

    /** The manifest's name in the output directory. */
    public static final String MANIFEST = ".allocgate-reports";

    private OwnReports() {
    }

    /**
     * Deletes the reports the manifest lists that are unchanged regular files (a name outside
     * {@link ReportFiles#NAMES} is ignored), then the manifest.
     */
    public static void removeStale(Path outputDirectory) throws IOException {
        Path manifest = outputDirectory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            if (fields.length != 3 || !ReportFiles.NAMES.contains(fields[0])) {
                continue;
            }
            Path file = outputDirectory.resolve(fields[0]);
            String[] now = stamp(file);
            if (fields[1].equals(now[0]) && fields[2].equals(now[1])) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(manifest);
    }

    /** Lists {@code written} (files directly in {@code outputDirectory}) as allocgate's own. */
    public static void remember(Path outputDirectory, List<Path> written) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : written) {
            String[] stamp = stamp(file);
            if (stamp[0] != null) {
                lines.add(file.getFileName() + "\t" + stamp[0] + "\t" + stamp[1]);
            }
        }
        Files.write(outputDirectory.resolve(MANIFEST), lines, StandardCharsets.UTF_8);
    }

    /** Size and modification time of a regular file, not following links; nulls when it is none. */
    private static String[] stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? new String[] {Long.toString(a.size()), a.lastModifiedTime().toString()}
                    : new String[] {null, null};
        } catch (IOException e) {
            return new String[] {null, null};
        }
    }
}
