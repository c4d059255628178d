package org.posetta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Headless Chromium (Debian's {@code chromium}) opening a page from disk, for the tests of what a browser makes of our files. */
public final class Chromium {
    private static final String COMMAND = "chromium";

    private Chromium() {
    }

    /** Skips the calling test where Chromium is not installed. */
    public static void require() {
        boolean found;
        try {
            Process p = new ProcessBuilder(COMMAND, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            found = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            found = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            found = false;
        }
        Assumptions.assumeTrue(found, "chromium is not installed: apt-get install chromium");
    }

    /**
     * Opens {@code page} with a fresh profile under {@code scratch} and the given extra
     * arguments (e.g. {@code --dump-dom}), and returns what Chromium printed.
     */
    public static String open(Path page, Path scratch, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(COMMAND, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(scratch, "profile"), "--enable-unsafe-swiftshader",
                "--window-size=1000,1400", "--virtual-time-budget=8000"));
        cmd.addAll(List.of(args));
        cmd.add(page.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** The bundled three.js script, made safe to inline as report.html does. */
    public static String threeJs() {
        return ReportPage.inlineScript(ReportPage.resource("three.iife.min.js"));
    }
}
