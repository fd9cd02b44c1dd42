package dev.allocgate.core.report;

import dev.allocgate.core.history.Trends;
import dev.allocgate.core.model.Metric;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * report.html's trend of one benchmark over the history's runs (see {@link Trends}): per metric an inline SVG line, one
 * dot per run (its title: date, commit, value, verdict), regressed runs in red. Needs no script.
 */
final class TrendChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 110;
    private static final int LEFT = 90;
    private static final int RIGHT = 620;
    private static final int TOP = 12;
    private static final int BOTTOM = 80;

    private TrendChart() {
    }

    /** The trend figures of {@code points} (oldest first); nothing when there are none. */
    static void html(StringBuilder h, Trends trends, List<Trends.Point> points) {
        if (points.isEmpty()) {
            return;
        }
        h.append("<figure class=\"trend\">\n<figcaption>trend over the last ").append(points.size())
                .append(points.size() == 1 ? " run" : " runs").append(" of environment ")
                .append(Text.markup(trends.environment())).append(" in the history (").append(points.get(0).date())
                .append(" to ").append(points.get(points.size() - 1).date()).append(")</figcaption>\n");
        line(h, Metric.BYTES_PER_OP, points, Trends.Point::bytesPerOp);
        line(h, Metric.OBJECTS_PER_OP, points, Trends.Point::objectsPerOp);
        h.append("</figure>\n");
    }

    private static void line(StringBuilder h, Metric metric, List<Trends.Point> points, ToDoubleFunction<Trends.Point> value) {
        if (points.stream().noneMatch(p -> Double.isFinite(value.applyAsDouble(p)))) {
            return;
        }
        double max = metric.noiseFloor();
        double min = Double.POSITIVE_INFINITY;
        for (Trends.Point p : points) {
            double v = value.applyAsDouble(p);
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        double step = HtmlReportRenderer.niceStep(max / 4);
        double axisMax = Math.max(step, Math.ceil(max * 1.05 / step - 1e-9) * step);
        String title = metric.key() + " (" + metric.unit() + ") per run";
        h.append("<svg class=\"chart trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" data-metric=\"").append(metric.key()).append("\">\n<title>")
                .append(Text.markup(title)).append("</title>\n")
                .append("<text class=\"label\" x=\"").append(LEFT - 8).append("\" y=\"").append(TOP + 4)
                .append("\" text-anchor=\"end\">");
        Cells.appendNumber(h, axisMax).append("</text>\n<text class=\"label\" x=\"").append(LEFT - 8).append("\" y=\"")
                .append(BOTTOM + 4).append("\" text-anchor=\"end\">0</text>\n")
                .append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(BOTTOM).append("\" x2=\"")
                .append(RIGHT).append("\" y2=\"").append(BOTTOM).append("\"/>\n<polyline class=\"trend-line\" points=\"");
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Trends.Point p = points.get(i);
            double v = value.applyAsDouble(p);
            if (!Double.isFinite(v)) {
                continue;
            }
            String x = DecimalText.fixed(x(i, points.size()), 1);
            String y = DecimalText.fixed(BOTTOM - v / axisMax * (BOTTOM - TOP), 1);
            h.append(x).append(',').append(y).append(' ');
            dots.append("<circle class=\"trend-dot").append(p.verdict().equals("REGRESSED") ? " regressed" : "")
                    .append("\" cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"3\"><title>")
                    .append(p.date()).append(p.commit().isEmpty() ? "" : " " + Text.markup(abbreviated(p.commit())))
                    .append(": ");
            Cells.appendNumber(dots, metric, v).append(' ').append(Text.markup(metric.unit())).append(", ")
                    .append(Text.markup(p.verdict())).append("</title></circle>\n");
        }
        h.append("\"/>\n").append(dots);
        double last = value.applyAsDouble(points.get(points.size() - 1));
        h.append("<text class=\"value\" x=\"").append(RIGHT + 12).append("\" y=\"").append(TOP + 18).append("\">");
        if (Double.isFinite(last)) {
            Cells.appendNumber(h.append("latest "), metric, last);
        }
        h.append("</text>\n<text class=\"value\" x=\"").append(RIGHT + 12).append("\" y=\"").append(TOP + 36).append("\">");
        Cells.appendNumber(h.append("min "), metric, min).append("</text>\n<text class=\"value\" x=\"").append(RIGHT + 12)
                .append("\" y=\"").append(TOP + 54).append("\">");
        Cells.appendNumber(h.append("max "), metric, max).append("</text>\n<text class=\"unit\" x=\"").append(RIGHT + 12)
                .append("\" y=\"").append(BOTTOM + 4).append("\">").append(Text.markup(metric.unit())).append("</text>\n</svg>\n");
    }

    private static double x(int i, int n) {
        return n == 1 ? (LEFT + RIGHT) / 2.0 : LEFT + (double) i / (n - 1) * (RIGHT - LEFT);
    }

    private static String abbreviated(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
