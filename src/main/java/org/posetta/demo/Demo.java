package org.posetta.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.posetta.geometry.Camera;
import org.posetta.geometry.Interpolation;
import org.posetta.io.AtomicOutput;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.ReadOptions;
import org.posetta.metrics.EvalOptions;
import org.posetta.metrics.PoseErrors;
import org.posetta.metrics.PoseMetrics;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;
import org.posetta.simulate.DetectorNoise;
import org.posetta.simulate.DutyCycle;
import org.posetta.simulate.Occluded;
import org.posetta.simulate.WholePersonOcclusion;

/**
 * The whole pipeline on the bundled clip, with no dataset needed: DeepMimic's
 * {@code humanoid3d_long_walk1} (MIT) is read, mapped to H36M-17 and filmed by {@link #CAMERA};
 * its projection gets 2D detector noise and whole-person occlusion (1.6 s in every 3.2 s);
 * a per-frame 3D estimate is made from the noisy 2D, its gaps are filled, and the result is
 * scored against the clean motion on all, occluded and visible frames.
 *
 * <p>The per-frame estimate back-projects each detected keypoint at the clean motion's depth
 * of that joint, {@code X = (u − cx) Z / fx}, {@code Y = (v − cy) Z / fy}: it carries the
 * detector's errors but no lifting error, and has no estimate where the 2D is missing. Gaps are
 * filled by {@link Interpolation#fillGaps linear interpolation}.
 *
 * <p>The orchestration sits in its own package above {@code simulate}, {@code metrics},
 * {@code geometry} and {@code io}, so that the command line stays free of logic and none of
 * those packages depends on another at its level.
 */
public final class Demo {
    /** The bundled clip, in {@code src/main/resources/demo/} with its character file and licence. */
    public static final String CLIP = "humanoid3d_long_walk1";
    private static final String CHARACTER = "humanoid3d.txt";

    /**
     * A Human3.6M-like camera: 1000×1000 pixels, f = 1145 px, principal point at the centre, no
     * distortion, 1.2 m above the floor (about chest height) and 5 m in front of the middle of the
     * area the clip walks in (world x ≈ −0.8 m, z ≈ 0; DeepMimic's y is up), looking along −z;
     * over 99 % of the clip's keypoints fall inside the image. Camera axes in world terms: x right
     * = +x, y down = −y, z forward = −z.
     */
    public static final Camera CAMERA = new Camera("demo", 1000, 1000, new double[] {1145, 1145},
            new double[] {500, 500}, new double[3], new double[2],
            new double[][] {{1, 0, 0}, {0, -1, 0}, {0, 0, -1}}, new double[] {-0.8, 1.2, 5.0});

    private static final DetectorNoise NOISE = DetectorNoise.DEFAULT;
    private static final WholePersonOcclusion OCCLUSION = new WholePersonOcclusion(DutyCycle.OCCLUDED_H36M);

    /**
     * What the demo did and measured.
     *
     * @param frames             frames of the clip
     * @param fps                its frame rate
     * @param occludedFrameCount frames the occlusion hid
     * @param all                the filled estimate on every frame
     * @param occluded           on the occluded frames only (where interpolation did the work)
     * @param visible            on the other frames (where only the detector noise counts)
     * @param files              the files written, in order
     */
    public record Result(int frames, double fps, int occludedFrameCount, PoseErrors all, PoseErrors occluded,
            PoseErrors visible, List<Path> files) {
        public Result {
            files = List.copyOf(files);
        }
    }

    private Demo() {
    }

    /**
     * Runs the demo and writes into {@code folder} (created if needed), all files or none: {@code truth.npz} (the
     * clean motion, camera frame), {@code keypoints.npz} (the noisy, occluded 2D),
     * {@code per_frame.npz} (the per-frame estimate, with gaps), {@code filled.npz} (gaps filled)
     * and {@code metrics.json}. The noise uses {@code seed}, the occlusion {@code seed + 1}.
     */
    public static Result run(Path folder, long seed) {
        Motion3d world = JointMap.toCanonical(Layout.DEEPMIMIC15).apply(loadClip());
        Motion3d truth = CAMERA.worldToCamera(world);
        Keypoints2d detected = NOISE.apply(CAMERA.project(truth), seed).data();
        Occluded<Keypoints2d> occluded = OCCLUSION.apply(detected, seed + 1);
        Motion3d perFrame = backProject(occluded.data(), truth);
        Motion3d interpolated = Interpolation.fillGaps(perFrame);
        Motion3d filled = interpolated.withProvenance(interpolated.provenance().withStep(Map.of("step", "fill",
                "method", "linear interpolation")));

        boolean[] hidden = occluded.occludedFrames();
        boolean[] shown = new boolean[hidden.length];
        for (int t = 0; t < hidden.length; t++) {
            shown[t] = !hidden[t];
        }
        PoseErrors all = PoseMetrics.evaluate(filled, truth, EvalOptions.DEFAULT, null);
        PoseErrors onOccluded = PoseMetrics.evaluate(filled, truth, EvalOptions.DEFAULT, hidden);
        PoseErrors onVisible = PoseMetrics.evaluate(filled, truth, EvalOptions.DEFAULT, shown);

        List<String> names = List.of("truth.npz", "keypoints.npz", "per_frame.npz", "filled.npz", "metrics.json");
        Result result = new Result(truth.frames(), truth.fps(), occluded.mask().occludedFrameCount(), all, onOccluded,
                onVisible, names.stream().map(folder::resolve).toList());
        AtomicOutput.folder(folder, dir -> {
            Formats.write(PoseFile.of("npz", "truth", truth), dir.resolve(names.get(0)), "npz");
            Formats.write(PoseFile.of("npz", "keypoints", occluded.data()), dir.resolve(names.get(1)), "npz");
            Formats.write(PoseFile.of("npz", "per_frame", perFrame), dir.resolve(names.get(2)), "npz");
            Formats.write(PoseFile.of("npz", "filled", filled), dir.resolve(names.get(3)), "npz");
            writeMetrics(result, seed, dir.resolve(names.get(4)));
            return null;
        });
        return result;
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

    /**
     * The per-frame estimate: each present keypoint back-projected at the true depth of its joint,
     * exact for {@link #CAMERA} (no distortion); missing keypoints give invalid joints.
     */
    static Motion3d backProject(Keypoints2d keypoints, Motion3d truth) {
        double[] f = CAMERA.focal();
        double[] c = CAMERA.principalPoint();
        float[] uv = keypoints.pixels();
        float[] confidence = keypoints.confidences();
        float[] xyz = truth.positions();
        boolean[] valid = truth.validity();
        for (int i = 0; i < valid.length; i++) {
            valid[i] &= confidence[i] > 0f;
            double z = xyz[3 * i + 2];
            xyz[3 * i] = (float) ((uv[2 * i] - c[0]) * z / f[0]);
            xyz[3 * i + 1] = (float) ((uv[2 * i + 1] - c[1]) * z / f[1]);
        }
        Provenance p = keypoints.provenance().withStep(Map.of("step", "per-frame 3D",
                "method", "2D back-projected at the true depth (a stand-in for a lifter)"));
        return new Motion3d(truth.layout(), truth.fps(), CoordinateFrame.CAMERA, xyz, valid, p);
    }

    private static void writeMetrics(Result r, long seed, Path out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clip", CLIP);
        m.put("frames", r.frames());
        m.put("fps", r.fps());
        m.put("seed", seed);
        m.put("camera", Map.of("size", List.of(CAMERA.width(), CAMERA.height()), "focal_px", CAMERA.focal()[0],
                "centre_m", CAMERA.centre()));
        m.put("noise", NOISE.parameters());
        Map<String, Object> occlusion = new LinkedHashMap<>(OCCLUSION.parameters());
        occlusion.put("occluded_frames", r.occludedFrameCount());
        m.put("occlusion", occlusion);
        m.put("per_frame_3d", "2D back-projected at the true depth");
        m.put("fill", "linear interpolation");
        m.put("all", r.all().toJsonMap());
        m.put("occluded", r.occluded().toJsonMap());
        m.put("visible", r.visible().toJsonMap());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicOutput.write(out, tmp -> json.writeValue(tmp.toFile(), m));
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
