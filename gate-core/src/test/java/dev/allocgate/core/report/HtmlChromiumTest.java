package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders report.html in headless Chromium (Debian's {@code chromium} package, or the binary named
 * by {@code ALLOCGATE_CHROMIUM}). Skipped through a JUnit assumption when no Chromium is installed.
 */
class HtmlChromiumTest {

    static Optional<Path> chromium() {
        String configured = System.getenv("ALLOCGATE_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome").map(n -> Path.of(dir, n)))
                .filter(Files::isExecutable).findFirst();
    }

    private static String run(Path chromium, Path profile, Path out, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "chromium finished");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void chromiumRendersEveryBenchmarkWithItsBars(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium installed (apt-get install chromium); skipping the real render");
        GateReport report = ReportFixtures.sampleReport();
        Path html = dir.resolve("report.html");
        Files.writeString(html, new HtmlReportRenderer().render(report, ReportFixtures.JDK17_G1), StandardCharsets.UTF_8);

        // 1. The DOM after rendering has an article per benchmark, in section order.
        String dom = run(chromium.get(), dir.resolve("profile1"), dir.resolve("dom.html"), "--dump-dom", html.toUri().toString());
        Matcher verdicts = Pattern.compile("<article [^>]*data-verdict=\"([A-Z_]+)\"").matcher(dom);
        List<String> shown = new ArrayList<>();
        while (verdicts.find()) {
            shown.add(verdicts.group(1));
        }
        List<String> expected = Section.ordered(report).stream().map(b -> b.verdict().name()).toList();
        assertEquals(expected, shown, "articles in the rendered DOM");
        long overviewRows = Pattern.compile("<tr><td><a href=\"#b\\d+\">").matcher(dom).results().count();
        assertEquals(report.benchmarks().size(), overviewRows, "overview rows in the rendered DOM");

        // 2. The screenshot shows the red current bars of the regressions and the green one of the improvement.
        Path png = dir.resolve("shot.png");
        run(chromium.get(), dir.resolve("profile2"), dir.resolve("shot.log"), "--screenshot=" + png, "--window-size=1200,1600",
                "--hide-scrollbars", html.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        // Expected areas from the page's own geometry: the SVG is drawn 1:1 at this window width.
        var doc = HtmlReportRendererTest.parse(Files.readString(html));
        double redArea = 0;
        double greenArea = 0;
        for (var bar : HtmlReportRendererTest.byClass(doc.getDocumentElement(), "rect", "cur")) {
            double area = Double.parseDouble(bar.getAttribute("width")) * Double.parseDouble(bar.getAttribute("height"));
            if (bar.getAttribute("class").contains("regressed")) {
                redArea += area;
            } else if (bar.getAttribute("class").contains("improved")) {
                greenArea += area;
            }
        }
        long red = pixels(image, 0xcf222e);
        long green = pixels(image, 0x1a7f37);
        long grey = pixels(image, 0x8c959f);
        // Dots and whiskers cover a little of each bar; the red icon in the header adds about 300 pixels.
        assertTrue(red >= 0.8 * redArea && red <= redArea + 600, "red regression bars: " + red + " px, bars " + redArea);
        assertTrue(green >= 0.8 * greenArea && green <= greenArea + 300, "green improvement bar: " + green + " px, bar " + greenArea);
        assertTrue(grey >= 3 * 18 * 30, "grey baseline bars visible: " + grey);
    }

    /** Pixels within a small tolerance of an RGB colour. */
    private static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 6 && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 6
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= 6) {
                    n++;
                }
            }
        }
        return n;
    }
}
