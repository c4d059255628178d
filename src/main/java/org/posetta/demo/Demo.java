package org.posetta.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.posetta.geometry.Camera;
import org.posetta.geometry.Interpolation;
import org.posetta.geometry.Resampling;
import org.posetta.io.AtomicOutput;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.ReadOptions;
import org.posetta.metrics.EvalOptions;
import org.posetta.metrics.PoseErrors;
import org.posetta.metrics.PoseMetrics;
import org.posetta.pipeline.Adaptation;
import org.posetta.pipeline.Progress;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;
import org.posetta.report.ReportPage;
import org.posetta.report.RunReport;
import org.posetta.report.StageTiming;
import org.posetta.simulate.DetectorNoise;
import org.posetta.simulate.DutyCycle;
import org.posetta.simulate.Occluded;
import org.posetta.simulate.WholePersonOcclusion;
import org.posetta.video.VideoInfo;

/**
 * The whole pipeline on the bundled clip, with no dataset needed: DeepMimic's
 * {@code humanoid3d_long_walk1} (MIT) is read, mapped to H36M-17, brought to a video's
 * {@link #FPS} and filmed by {@link #CAMERA}; its projection gets 2D detector noise and
 * whole-person occlusion (1.6 s in every 3.2 s); then the {@link Adaptation} stages run on the
 * noisy 2D (the shipped per-frame lifter, then the selected adapters), and each stage — with linear
 * interpolation of the per-frame 3D as the baseline the adapters must beat — is scored against
 * the clean motion on all, occluded and visible frames.
 *
 * <p>The orchestration sits in its own package above {@code pipeline}, {@code simulate},
 * {@code metrics}, {@code geometry} and {@code io}, so that the command line stays free of logic.
 */
public final class Demo {
    /** The bundled clip, in {@code src/main/resources/demo/} with its character file and licence. */
    public static final String CLIP = "humanoid3d_long_walk1";
    /** The frame rate the clip is filmed at: a common video rate (the capture has 120). */
    public static final double FPS = 30;
    private static final String CHARACTER = "humanoid3d.txt";

    /**
     * A Human3.6M-like camera: 1000×1000 pixels, f = 1145 px, principal point at the centre, no
     * distortion, 1.6 m above the floor and 5 m in front of the middle of the area the clip walks
     * in (world x ≈ −0.8 m, z ≈ 0; DeepMimic's y is up), looking along −z and pitched down by
     * {@value #PITCH_DEGREES}°, as Human3.6M's cameras are; over 99 % of the clip's keypoints
     * fall inside the image. The viewpoint matters: the per-frame lifter learnt Human3.6M's, and
     * from a level camera at chest height its error on this clip more than doubles — the domain
     * shift that {@code lift} adapts to. Camera axes in world terms: x right = +x, y down and z
     * forward = −y and −z turned about x by the pitch.
     */
    public static final Camera CAMERA = pitchedCamera();
    private static final double PITCH_DEGREES = 15;

    private static Camera pitchedCamera() {
        double c = Math.cos(Math.toRadians(PITCH_DEGREES));
        double s = Math.sin(Math.toRadians(PITCH_DEGREES));
        return new Camera("demo", 1000, 1000, new double[] {1145, 1145}, new double[] {500, 500}, new double[3],
                new double[2], new double[][] {{1, 0, 0}, {0, -c, s}, {0, -s, -c}}, new double[] {-0.8, 1.6, 5.0});
    }

    private static final DetectorNoise NOISE = DetectorNoise.DEFAULT;
    private static final WholePersonOcclusion OCCLUSION = new WholePersonOcclusion(DutyCycle.OCCLUDED_H36M);

    /**
     * One stage's errors against the clean motion.
     *
     * @param stage    the stage
     * @param all      every frame the stage has an estimate for
     * @param occluded the occluded frames, or {@code null} where the stage has no estimate there
     * @param visible  the other frames
     */
    public record Score(String stage, PoseErrors all, PoseErrors occluded, PoseErrors visible) {
    }

    /**
     * What the demo did and measured.
     *
     * @param frames             frames of the filmed clip
     * @param fps                its frame rate
     * @param occludedFrameCount frames the occlusion hid
     * @param scores             per stage, in pipeline order
     * @param timings            stage timings
     * @param files              the files written, in order
     */
    public record Result(int frames, double fps, int occludedFrameCount, List<Score> scores, List<StageTiming> timings,
            List<Path> files) {
        public Result {
            scores = List.copyOf(scores);
            timings = List.copyOf(timings);
            files = List.copyOf(files);
        }

        /** The score of {@code stage}. */
        public Score score(String stage) {
            return scores.stream().filter(s -> s.stage().equals(stage)).findFirst().orElseThrow();
        }
    }

    private Demo() {
    }

    /**
     * The demo's stages: every adapter ({@code lift}, {@code semantic}, {@code refine}) with its
     * defaults and seed {@code seed}, as {@code posetta run} runs them. Together they take about
     * 85 s of the demo's two-minute budget on 2 cores (lift about 25 s, semantic's 13 cycles about
     * 45 s, refine about 11 s).
     */
    public static Adaptation.Options defaults(long seed) {
        return Adaptation.Options.defaults(seed);
    }

    /** {@link #run(Path, long, Adaptation.Options, Progress)} with the demo's {@link #defaults}. */
    public static Result run(Path folder, long seed, Progress progress) {
        return run(folder, seed, defaults(seed), progress);
    }

    /**
     * Runs the demo and writes into {@code folder}, all or nothing: {@code truth.npz} (the clean
     * motion, camera frame), {@code keypoints.npz} (the noisy, occluded 2D), {@code per_frame.npz},
     * {@code interpolated.npz}, one file per adapter that ran ({@code lift.npz} with per-joint
     * uncertainty, {@code semantic.npz}, {@code refined.npz}; the last of the chain with its bones
     * held at their median lengths, as {@link Adaptation.Result#adapted}), {@code metrics.json} and
     * {@code report.html}. The noise uses {@code seed}, the occlusion {@code seed + 1}.
     */
    public static Result run(Path folder, long seed, Adaptation.Options stagesToRun, Progress progress) {
        // The work happens inside the folder writer, which first checks that the folder can be written.
        return AtomicOutput.folder(folder, dir -> {
            Motion3d world = Resampling.toRate(JointMap.toCanonical(Layout.DEEPMIMIC15).apply(loadClip()), FPS);
            Motion3d truth = CAMERA.worldToCamera(world);
            Keypoints2d detected = NOISE.apply(CAMERA.project(truth), seed).data();
            Occluded<Keypoints2d> occluded = OCCLUSION.apply(detected, seed + 1);
            Keypoints2d keypoints = occluded.data();

            Adaptation.Result stages = Adaptation.run(keypoints, CAMERA, stagesToRun, progress);
            Motion3d perFrame = stages.perFrame();
            Motion3d gapsFilled = Interpolation.fillGaps(perFrame);
            Motion3d interpolated = gapsFilled.withProvenance(gapsFilled.provenance().withStep(Map.of("step", "fill",
                    "method", "linear interpolation")));

            boolean[] hidden = occluded.occludedFrames();
            boolean[] shown = new boolean[hidden.length];
            for (int t = 0; t < hidden.length; t++) {
                shown[t] = !hidden[t];
            }
            List<Score> scores = new ArrayList<>(List.of(
                    new Score("per-frame", evaluate(perFrame, truth, null), null, evaluate(perFrame, truth, shown)),
                    score("interpolation", interpolated, truth, hidden, shown)));
            Map<String, Motion3d> outputs = new LinkedHashMap<>();
            outputs.put("truth", truth);
            outputs.put("per_frame", perFrame);
            outputs.put("interpolated", interpolated);
            if (stages.lifted() != null) {
                // like the per-frame lifter, lift has no estimate where no keypoint was seen
                scores.add(new Score("lift", evaluate(stages.lifted(), truth, null), null, evaluate(stages.lifted(), truth, shown)));
                outputs.put("lift", stages.lifted());
            }
            if (stages.semantic() != null) {
                Motion3d m = "semantic".equals(stages.lastAdapter()) ? stages.adapted() : stages.semantic();
                scores.add(score("semantic", m, truth, hidden, shown));
                outputs.put("semantic", m);
            }
            if ("refine".equals(stages.lastAdapter())) {
                scores.add(score("refine", stages.adapted(), truth, hidden, shown));
                outputs.put("refined", stages.adapted());
            }

            List<String> names = new ArrayList<>(List.of("truth.npz", "keypoints.npz"));
            outputs.keySet().stream().filter(k -> !k.equals("truth")).forEach(k -> names.add(k + ".npz"));
            names.addAll(List.of("metrics.json", "report.html"));
            Result result = new Result(truth.frames(), truth.fps(), occluded.mask().occludedFrameCount(), scores,
                    stages.timings(), names.stream().map(folder::resolve).toList());
            Formats.write(PoseFile.of("npz", "keypoints", keypoints), dir.resolve("keypoints.npz"), "npz");
            outputs.forEach((name, m) -> Formats.write(PoseFile.of("npz", name, m), dir.resolve(name + ".npz"), "npz"));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("metrics.json").toFile(),
                    metrics(result, stages, seed));
            VideoInfo film = new VideoInfo(Path.of(CLIP), CAMERA.width(), CAMERA.height(), FPS, truth.frames(),
                    "rendered from motion capture");
            ReportPage.write(new RunReport(film, keypoints, perFrame, stages.adapted(), stages.losses(), stages.timings(),
                    summary(result, stages)), dir.resolve("report.html"));
            return result;
        });
    }

    private static Score score(String stage, Motion3d m, Motion3d truth, boolean[] hidden, boolean[] shown) {
        return new Score(stage, evaluate(m, truth, null), evaluate(m, truth, hidden), evaluate(m, truth, shown));
    }

    private static PoseErrors evaluate(Motion3d m, Motion3d truth, boolean[] frames) {
        return PoseMetrics.evaluate(m, truth, EvalOptions.DEFAULT, frames);
    }

    /** The bundled clip, read with the DeepMimic reader from a temporary copy of the resources. */
    static Motion3d loadClip() {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("posetta-demo");
            Path motion = copyResource(CLIP + ".txt", tmp);
            copyResource(CHARACTER, tmp);
            Motion3d m = Formats.read(motion, ReadOptions.DEFAULTS, "deepmimic").motions().values().iterator().next();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("source", "bundled clip " + CLIP + " (DeepMimic, MIT licence)");
            p.put("format", "deepmimic");
            return m.withProvenance(Provenance.of(p));
        } catch (IOException e) {
            throw new PosettaException("Cannot unpack the demo clip into a temporary folder (" + e.getMessage()
                    + "): make the system's temporary folder writable.", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static Map<String, Object> metrics(Result r, Adaptation.Result stages, long seed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clip", CLIP);
        m.put("frames", r.frames());
        m.put("fps", r.fps());
        m.put("seed", seed);
        Map<String, Object> camera = new LinkedHashMap<>();
        camera.put("size", List.of(CAMERA.width(), CAMERA.height()));
        camera.put("focal_px", CAMERA.focal()[0]);
        camera.put("centre_m", CAMERA.centre());
        camera.put("pitch_down_degrees", PITCH_DEGREES);
        m.put("camera", camera);
        m.put("noise", NOISE.parameters());
        Map<String, Object> occlusion = new LinkedHashMap<>(OCCLUSION.parameters());
        occlusion.put("occluded_frames", r.occludedFrameCount());
        m.put("occlusion", occlusion);
        Map<String, Object> scored = new LinkedHashMap<>();
        for (Score s : r.scores()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("all", s.all().toJsonMap());
            if (s.occluded() != null) {
                e.put("occluded", s.occluded().toJsonMap());
            }
            e.put("visible", s.visible().toJsonMap());
            scored.put(s.stage(), e);
        }
        m.put("stages", scored);
        m.put("adapters_not_run", stages.notRun());
        if (stages.labels() != null) {
            m.put("semantic_labels", stages.labels().distinct());
        }
        if (stages.lifted() != null) {
            m.put("lift_mean_uncertainty_mm", 1000 * stages.meanLiftUncertainty());
        }
        List<Map<String, Object>> timings = new ArrayList<>();
        for (StageTiming t : r.timings()) {
            timings.add(Map.of("stage", t.stage(), "seconds", t.seconds(), "note", t.note()));
        }
        m.put("timings", timings);
        return m;
    }

    /** The headline figures the report shows. */
    private static Map<String, Object> summary(Result r, Adaptation.Result stages) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("clip", CLIP + " (DeepMimic, MIT), filmed by a virtual camera with detector noise and occlusion");
        s.put("frames", r.frames());
        s.put("occluded_frames", r.occludedFrameCount());
        for (Score score : r.scores()) {
            s.put(score.stage() + "_mpjpe_mm", score.all().mpjpeMm());
            if (score.occluded() != null) {
                s.put(score.stage() + "_occluded_mpjpe_mm", score.occluded().mpjpeMm());
            }
        }
        s.put("adapters_not_run", stages.notRun());
        if (stages.lifted() != null) {
            s.put("lift_mean_uncertainty_mm", 1000 * stages.meanLiftUncertainty());
        }
        return s;
    }

    private static Path copyResource(String name, Path folder) throws IOException {
        try (InputStream in = Demo.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource /demo/" + name + " is missing from the build");
            }
            Path out = folder.resolve(name);
            Files.copy(in, out);
            return out;
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless; the demo's result does not depend on it
        }
    }
}
