package org.posetta.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.posetta.io.AtomicOutput;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;

/**
 * {@code report.html}: one self-contained page that opens from disk with no server. It shows the
 * 3D skeleton before and after adaptation side by side (three.js, orbit with the mouse), a frame
 * scrubber that drives both views and a marker on the per-frame charts (uPlot): keypoint
 * confidence and whether the person was found, missing joints, the adaptation loss curves, and
 * the stage timings. three.js and uPlot (both MIT) are inlined from the resources, as are the
 * run's numbers (millimetre precision).
 */
public final class ReportPage {
    private static final Pattern CLOSING_SCRIPT = Pattern.compile("</((?i)script)");
    private static final Pattern PLACEHOLDER = Pattern.compile("@(TITLE|DATA|THREE|UPLOT|UPLOT_CSS)@");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    private ReportPage() {
    }

    public static void write(RunReport run, Path out) {
        String html = render(run);
        AtomicOutput.write(out, tmp -> Files.writeString(tmp, html, StandardCharsets.UTF_8));
    }

    static String render(RunReport run) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("TITLE", escapeHtml(run.video().file().getFileName().toString()));
        values.put("DATA", jsonForScript(json(run)));
        values.put("THREE", inlineScript(resource("three.iife.min.js")));
        values.put("UPLOT", inlineScript(resource("uPlot.iife.min.js")));
        values.put("UPLOT_CSS", resource("uPlot.min.css"));
        Matcher m = PLACEHOLDER.matcher(resource("report.html"));
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(sb);
        // the policy's placeholder comes first in the page, before any user text could repeat it
        return sb.toString().replaceFirst("@CSP@", Matcher.quoteReplacement(contentSecurityPolicy(sb)));
    }

    /**
     * The page's policy: nothing is fetched from anywhere, and only the page's own scripts, named
     * by their SHA-256, run; so even markup that slipped into the page could neither run nor load.
     */
    private static String contentSecurityPolicy(CharSequence html) {
        StringBuilder scripts = new StringBuilder();
        Matcher m = INLINE_SCRIPT.matcher(html);
        while (m.find()) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
                scripts.append(" 'sha256-").append(Base64.getEncoder().encodeToString(hash)).append('\'');
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no SHA-256", e);
            }
        }
        return "default-src 'none'; script-src" + scripts + "; style-src 'unsafe-inline'; img-src data: blob:";
    }

    private static String json(RunReport run) {
        Keypoints2d k = run.keypoints();
        int t = k.frames();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("subtitle", String.format("%d frames, %dx%d, %.4g fps, decoded with %s", t, run.video().width(),
                run.video().height(), run.video().fps(), run.video().decoder()));
        d.put("frames", t);
        d.put("fps", run.video().fps());
        d.put("joints", run.before().joints());
        List<int[]> bones = new ArrayList<>(List.of(run.before().layout().bones()));
        d.put("bones", bones);
        d.put("beforeLabel", "before adaptation: per-frame 3D");
        d.put("afterLabel", "after adaptation: " + String.join(", ", run.losses().keySet()));
        d.put("before", millimetres(run.before()));
        d.put("beforeValid", flags(run.before()));
        d.put("after", millimetres(run.after()));
        d.put("afterValid", flags(run.after()));
        double[] confidence = new double[t];
        int[] found = new int[t];
        int firstFound = -1;
        for (int f = 0; f < t; f++) {
            double sum = 0;
            for (int j = 0; j < k.joints(); j++) {
                sum += k.confidence(f, j);
            }
            confidence[f] = Math.round(1000 * sum / k.joints()) / 1000.0;
            found[f] = k.isValid(f, 0) ? 1 : 0;
            if (found[f] == 1 && firstFound < 0) {
                firstFound = f;
            }
        }
        d.put("confidence", confidence);
        d.put("found", found);
        d.put("firstFound", Math.max(firstFound, 0));
        d.put("gapsBefore", gaps(run.before()));
        d.put("gapsAfter", gaps(run.after()));
        d.put("losses", run.losses());
        List<Map<String, Object>> timings = new ArrayList<>();
        for (StageTiming s : run.timings()) {
            timings.add(Map.of("stage", s.stage(), "seconds", s.seconds(), "note", s.note()));
        }
        d.put("timings", timings);
        d.put("summary", run.summary());
        try {
            return new ObjectMapper().writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data does not serialise", e);
        }
    }

    private static float[] millimetres(Motion3d m) {
        float[] p = m.positions();
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.round(p[i] * 1000f) / 1000f;
        }
        return p;
    }

    private static int[] flags(Motion3d m) {
        boolean[] v = m.validity();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] ? 1 : 0;
        }
        return out;
    }

    private static int[] gaps(Motion3d m) {
        int[] out = new int[m.frames()];
        for (int f = 0; f < m.frames(); f++) {
            for (int j = 0; j < m.joints(); j++) {
                out[f] += m.isValid(f, j) ? 0 : 1;
            }
        }
        return out;
    }

    /**
     * Text made safe inside a {@code <script>} element: a closing tag would end the element early,
     * and {@code <\/} means the same as {@code </} inside JavaScript and JSON strings.
     */
    static String inlineScript(String text) {
        return CLOSING_SCRIPT.matcher(text).replaceAll(Matcher.quoteReplacement("<\\/") + "$1");
    }

    /**
     * JSON made inert inside a {@code <script>} element whatever its strings hold (file names,
     * labels): outside strings JSON has no {@code <}, {@code >} or {@code &}, and inside them the
     * escapes {@code \\u003c} etc. read back as the same characters, so no {@code </script>} or
     * {@code <!--} can reach the HTML parser.
     */
    static String jsonForScript(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }
}
