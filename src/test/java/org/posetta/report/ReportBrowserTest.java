package org.posetta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.video.VideoInfo;

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

    /**
     * A video file name, a label, a loss name and stage notes that carry markup: the page shows
     * them as text and runs none of it, and it requests nothing from the network.
     */
    @Test
    void userTextIsShownLiterallyAndNeverRun() throws Exception {
        Chromium.require();
        String file = "clip<script>document.body.dataset.pwned='file'<!--.mp4";
        String label = "walk</script><script>document.body.dataset.pwned='label'</script>";
        String markup = "<img src=x onerror=\"document.body.dataset.pwned='img'\">";
        RunReport s = Reports.sample();
        RunReport hostile = new RunReport(new VideoInfo(dir.resolve(file), 320, 240, 30, s.keypoints().frames(), "ffmpeg"),
                s.keypoints(), s.before(), s.after(), Map.of(label, s.losses().values().iterator().next()),
                List.of(new StageTiming(markup, 1.5, label)), Map.of("label", label, markup, 1));
        Path hostilePage = dir.resolve("hostile.html");
        ReportPage.write(hostile, hostilePage);
        Path netLog = dir.resolve("net-log.json");
        String dom = Chromium.open(hostilePage, dir, "--dump-dom", "--log-net-log=" + netLog);
        assertThat(dom).contains("data-ready=\"true\"").doesNotContain("data-pwned");
        assertThat(dom).contains("<h1>clip&lt;script&gt;document.body.dataset.pwned='file'&lt;!--.mp4</h1>");
        assertThat(dom).contains("<td>walk&lt;/script&gt;&lt;script&gt;document.body.dataset.pwned='label'&lt;/script&gt;</td>");
        assertThat(dom).contains("<td>&lt;img src=x onerror=\"document.body.dataset.pwned='img'\"&gt;</td>");
        // requests by the page go through Blink's resource loader (traffic annotation 101845102);
        // Chromium's own update and clock checks carry other annotations and are not the page's
        String log = Files.readString(netLog);
        assertThat(log).contains("\"traffic_annotation\"");
        assertThat(Pattern.compile("\"traffic_annotation\":101845102,\"url\":\"[^\"]*\"").matcher(log).results()
                .map(MatchResult::group).toList()).isEmpty();
        assertThat(Files.readString(hostilePage)).contains("Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-");
    }

    @Test
    void thePageIsSelfContained() throws IOException {
        String html = Files.readString(page);
        assertThat(html).doesNotContain("<script src=").doesNotContain("<link ").doesNotContain("@DATA@");
        assertThat(html).contains("three.js").contains("uPlot");
        assertThat(Map.of("closing", ReportPage.inlineScript("a</script>b"))).containsEntry("closing", "a<\\/script>b");
    }
}
