package dev.allocgate.core.comment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capping a written report.md at a row boundary, checked against the renderer's real output. */
class MarkdownCapTest {

    @Test
    void textThatFitsIsReturnedUnchanged() {
        String md = CommentFixtures.markdown(20);
        assertSame(md, MarkdownCap.cap(md, md.length()));
    }

    @Test
    void everyCapKeepsWholeLinesInOrderAndCountsTheHiddenRows() {
        String md = CommentFixtures.markdown(120);
        long rows = GitHubStickyCommentTest.benchmarkRows(md);
        List<String> source = md.lines().toList();
        for (int cap = 1_500; cap < md.length(); cap += 997) {
            String out = MarkdownCap.cap(md, cap);
            assertTrue(out.length() <= cap, cap + ": " + out.length());
            long shown = GitHubStickyCommentTest.benchmarkRows(out);
            if (shown < rows) {
                assertTrue(out.contains("_" + (rows - shown) + " more rows in the report artifact._"), "cap " + cap + ":\n" + out);
            } else {
                assertFalse(out.contains("in the report artifact"), "dropping the settings was enough at " + cap);
            }
            // The rows kept are the report's first rows: nothing is skipped in between.
            assertEquals(rowLines(md).subList(0, (int) shown), rowLines(out), "cap " + cap);
            // Non-blank lines come from the report, in the report's order, apart from the one trailer.
            int at = 0;
            for (String line : out.lines().toList()) {
                if (line.contains("more rows in the report artifact") || line.isBlank()) {
                    continue;
                }
                int found = source.subList(at, source.size()).indexOf(line);
                assertTrue(found >= 0, "cap " + cap + ": line not in order from the report: " + line);
                at += found + 1;
            }
            assertFalse(out.contains("<summary>Settings"), "the settings block goes first");
            assertTrue(out.startsWith(source.get(0)), "the summary line stays");
            assertTrue(out.contains("Updating the baselines"), "how to update stays");
            assertEquals(count(out, "<details>"), count(out, "</details>"), "details blocks stay balanced");
        }
    }

    @Test
    void rowsAreKeptFromTheTopSoRegressionsComeFirst() {
        String md = CommentFixtures.markdown(300);
        String out = MarkdownCap.cap(md, 4_000);
        List<String> kept = rowLines(out);
        assertTrue(!kept.isEmpty() && kept.size() < 43, "some, not all, of the 43 regressions: " + kept.size());
        assertTrue(kept.stream().allMatch(l -> l.contains("**+100.0 (+100.0%)**")), "only regressed rows: " + kept);
        assertTrue(out.contains("<details><summary>Unchanged (257)</summary>"), "the folded block keeps its count");
        assertFalse(out.contains("| benchmark | params | baseline B/op | current B/op | delta | p | note |\n|---|---|--:|--:|--:|--:|---|\n\n"),
                "a table without rows loses its header");
    }

    private static List<String> rowLines(String md) {
        List<String> lines = md.lines().toList();
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("|") && lines.get(i + 1).startsWith("|-")) {
                boolean settings = lines.get(i).equals("| setting | value |");
                int j = i + 2;
                for (; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                    if (!settings) {
                        rows.add(lines.get(j));
                    }
                }
                i = j - 1;
            }
        }
        return rows;
    }

    @Test
    void anEarlierTrailerIsMergedAndTinyCapsCutAtLines() {
        String md = "# title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n\n_4 more rows in the report artifact._\n\ntail\n";
        String out = MarkdownCap.cap(md, md.length() - 5); // the new trailer is one longer; one 10-char row must go
        assertTrue(out.contains("_5 more rows in the report artifact._"), out);
        assertEquals(1, count(out, "more rows"));

        String tiny = MarkdownCap.cap("x".repeat(500) + "\n" + md, 120);
        assertTrue(tiny.length() <= 120, tiny);
        assertTrue(tiny.contains("in the report artifact"), tiny);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
