package org.posetta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens report.html from disk in headless Chromium and checks what it drew. */
class ReportBrowserTest {
    @TempDir
    static Path dir;
    private static Path page;

    @BeforeAll
    static void writeThePage() {
        page = dir.resolve("report.html");
        ReportPage.write(Reports.sample(), page);
    }

    @Test
    void bothSkeletonViewsAreDrawnAndTheChartsAndScrubberArePresent() throws Exception {
        Chromium.require();
        String dom = Chromium.open(page, dir, "--dump-dom");
        assertThat(dom).contains("data-ready=\"true\"");
        Matcher drawn = Pattern.compile("id=\"(before|after)\"[^>]*data-drawn-pixels=\"(\\d+)\"").matcher(dom);
        int views = 0;
        while (drawn.find()) {
            assertThat(Integer.parseInt(drawn.group(2))).as(drawn.group(1) + " view pixels").isGreaterThan(300);
            views++;
        }
        assertThat(views).isEqualTo(2);
        // uPlot renders each chart into a div of class "uplot" with its own canvas
        for (String chart : new String[] {"chart-confidence", "chart-gaps", "chart-loss"}) {
            assertThat(dom).containsPattern("id=\"" + chart + "\"><div class=\"uplot");
        }
        assertThat(dom).contains("per-frame confidence", "gaps per frame", "adaptation loss");
        assertThat(dom).containsPattern("id=\"frame\"[^>]*max=\"39\"");
        assertThat(dom).contains("<td>blazepose</td>");
    }

    @Test
    void theScreenshotIsNotBlank() throws Exception {
        Chromium.require();
        Path png = dir.resolve("shot.png");
        Chromium.open(page, dir, "--screenshot=" + png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        // the "after" view: its skeleton is blue (0x2f6fd0) on white
        int blue = 0;
        for (int y = 90; y < 420; y++) {
            for (int x = 400; x < 800; x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int b = rgb & 0xff;
                if (b > 150 && r < 120) {
                    blue++;
                }
            }
        }
        assertThat(blue).isGreaterThan(50);
    }

    @Test
    void thePageIsSelfContained() throws IOException {
        String html = Files.readString(page);
        assertThat(html).doesNotContain("<script src=").doesNotContain("<link ").doesNotContain("@DATA@");
        assertThat(html).contains("three.js").contains("uPlot");
        assertThat(Map.of("closing", ReportPage.inlineScript("a</script>b"))).containsEntry("closing", "a<\\/script>b");
    }
}
