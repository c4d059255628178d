package org.posetta;

import java.nio.file.Path;
import org.posetta.adapt.refine.MotionPrior;
import org.posetta.adapt.refine.Refinement;
import org.posetta.adapt.refine.Refiner;
import org.posetta.adapt.semantic.ActionSentences;
import org.posetta.adapt.semantic.Labels;
import org.posetta.adapt.semantic.SemanticAdaptation;
import org.posetta.adapt.semantic.SemanticAdapter;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.ReadOptions;
import org.posetta.io.WriteOptions;
import org.posetta.metrics.EvalOptions;
import org.posetta.metrics.PoseErrors;
import org.posetta.metrics.PoseMetrics;
import org.posetta.nn.FrameLifterModel;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * The library's entry point for JVM programs: read pose files in any supported format, write
 * them, lift 2D to 3D, adapt the lifter to a video, refine a 3D sequence, and score a prediction
 * against ground truth. Plain values in and out and no global
 * state, so calls from several threads or tasks are independent.
 *
 * <pre>{@code
 * Motion3d walk = Posetta.readMotion(Path.of("walk.bvh"));          // any 3D format, as H36M-17
 * Motion3d lifted = Posetta.lift(Posetta.readKeypoints(Path.of("alphapose.json")));
 * Motion3d adapted = Posetta.adapt(Posetta.readKeypoints(Path.of("alphapose.json"))); // lifter adapted to this video
 * Motion3d refined = Posetta.refine(lifted);                        // gaps filled, motion coherent
 * Posetta.write(refined, Path.of("walk.trc"));                      // format from the extension
 * PoseErrors e = Posetta.evaluate(walk, Posetta.readMotion(Path.of("truth.npz")));
 * System.out.println(e.mpjpeMm() + " mm");
 * }</pre>
 *
 * Problems a user can cause (missing or damaged file, unknown format, wrong layout, unwritable
 * output) are {@link PosettaException}s whose message names the file and what to do.
 */
public final class Posetta {
    private Posetta() {
    }

    /**
     * Everything in {@code file}, with the format recognised from its name and content.
     *
     * @param file a pose file in any format posetta reads (a folder for OpenPose output)
     * @return its sequences, as stored (not mapped to another layout)
     */
    public static PoseFile read(Path file) {
        return Formats.read(file, ReadOptions.DEFAULTS);
    }

    /**
     * Everything in {@code file}.
     *
     * @param file    a pose file (a folder for OpenPose output)
     * @param options what the file cannot say (layout, fps, image size)
     * @param format  a format id ({@code bvh}, {@code npz}, {@code alphapose}, ...), or
     *                {@code null} to recognise it
     * @return its sequences, as stored
     */
    public static PoseFile read(Path file, ReadOptions options, String format) {
        return Formats.read(file, options, format);
    }

    /**
     * The one 3D sequence of {@code file}, in the canonical H36M-17 layout.
     *
     * @param file a pose file that holds exactly one 3D sequence
     * @return that sequence mapped to H36M-17 (joints a layout lacks derived or invalid)
     */
    public static Motion3d readMotion(Path file) {
        PoseFile data = read(file);
        if (data.motions().size() != 1) {
            throw new PosettaException(file + " holds " + data.motions().size() + " 3D sequences, not one: read it with"
                    + " Posetta.read and choose a sequence by name.");
        }
        Motion3d m = data.motions().values().iterator().next();
        return m.layout() == Layout.H36M17 ? m : JointMap.toCanonical(m.layout()).apply(m);
    }

    /**
     * The one 2D sequence of {@code file}, in the canonical H36M-17 layout.
     *
     * @param file a pose file that holds exactly one 2D sequence
     * @return that sequence mapped to H36M-17 (joints a layout lacks derived or missing)
     */
    public static Keypoints2d readKeypoints(Path file) {
        PoseFile data = read(file);
        if (data.keypoints().size() != 1) {
            throw new PosettaException(file + " holds " + data.keypoints().size() + " 2D sequences, not one: read it with"
                    + " Posetta.read and choose a sequence by name.");
        }
        Keypoints2d k = data.keypoints().values().iterator().next();
        return k.layout() == Layout.H36M17 ? k : JointMap.toCanonical(k.layout()).apply(k);
    }

    /**
     * Writes {@code motion} to {@code out} in the format its extension names, atomically.
     *
     * @param motion the 3D sequence
     * @param out    the file to write, e.g. {@code walk.bvh}, {@code walk.trc}, {@code walk.npz}
     */
    public static void write(Motion3d motion, Path out) {
        write(PoseFile.of("api", stem(out), motion), out, null, WriteOptions.DEFAULTS);
    }

    /**
     * Writes {@code keypoints} to {@code out} in the format its extension names, atomically.
     *
     * @param keypoints the 2D sequence
     * @param out       the file to write, e.g. {@code walk.npz}, {@code walk.json}, {@code walk.csv}
     */
    public static void write(Keypoints2d keypoints, Path out) {
        write(PoseFile.of("api", stem(out), keypoints), out, null, WriteOptions.DEFAULTS);
    }

    /**
     * Writes {@code data} to {@code out}, atomically (a temporary file moved into place).
     *
     * @param data    the sequences to write
     * @param out     the file to write
     * @param format  a format id, or {@code null} for the one the extension names
     * @param options units and BVH exact mode, where the format has them
     */
    public static void write(PoseFile data, Path out, String format, WriteOptions options) {
        Formats.write(data, out, format, options);
    }

    /**
     * Per-frame 3D from 2D with the shipped per-frame lifter: root-relative H36M-17 in the camera
     * frame, metres. A frame with too few keypoints has no estimate (invalid); joints the 2D
     * layout lacks are inferred and marked filled.
     *
     * @param keypoints 2D keypoints in any layout with a joint map to H36M-17, with the image size
     * @return the lifted sequence, same frames and frame rate
     */
    public static Motion3d lift(Keypoints2d keypoints) {
        try (FrameLifterModel lifter = FrameLifterModel.shipped()) {
            return lifter.lift(keypoints);
        }
    }

    /**
     * 3D from 2D by the {@code semantic} adapter with its defaults: the shipped per-frame lifter
     * adapted to this sequence (13 cycles of CycleAdapt's lifter–denoiser cycle, guided by SA-TTA's
     * motion-text alignment, 2D EMA and fill-in at the calibrated τ; seed 0), with each frame
     * labelled zero-shot from the motion-text space. The camera is assumed from the image size
     * (focal length √(w² + h²) pixels, principal point at the centre). The same input gives the
     * same output.
     *
     * @param keypoints 2D keypoints (pixels, with confidences and the image size) in any layout
     *                  with a joint map to H36M-17
     * @return root-relative H36M-17 in the camera frame, metres, every frame valid; joints
     *         without 2D evidence marked filled; same frames and frame rate
     */
    public static Motion3d adapt(Keypoints2d keypoints) {
        return adapt(keypoints, null);
    }

    /**
     * 3D from 2D by the {@code semantic} adapter with its defaults, guided by what the person does.
     *
     * @param keypoints 2D keypoints in any layout with a joint map to H36M-17
     * @param labels    a sentence per frame ({@link Labels#constant}, {@link Labels#read} of a
     *                  segment file), or {@code null} for zero-shot labels
     * @return as {@link #adapt(Keypoints2d)}
     */
    public static Motion3d adapt(Keypoints2d keypoints, Labels labels) {
        return adapt(keypoints, labels, SemanticAdapter.defaults(0)).motion();
    }

    /**
     * 3D from 2D by the {@code semantic} adapter with the given settings, e.g.
     * {@code SemanticAdapter.defaults(0).withCycles(5)}, or CycleAdapt alone with
     * {@code SemanticAdaptation.Settings.cycleAdapt(0)}. Zero-shot labels choose from the shipped
     * dictionary ({@link ActionSentences#dictionary()}).
     *
     * @param keypoints 2D keypoints in any layout with a joint map to H36M-17
     * @param labels    a sentence per frame, or {@code null} for zero-shot labels (ignored when the
     *                  settings use no text)
     * @param settings  cycles, loss weights, rates, α, τ (NaN for the calibrated one) and seed
     * @return the adapted 3D (as {@link #adapt(Keypoints2d)}) with the final 2D targets (pixels),
     *         which of them were filled in, and per cycle the mean lifter and denoiser losses
     */
    public static SemanticAdaptation.Result adapt(Keypoints2d keypoints, Labels labels, SemanticAdaptation.Settings settings) {
        if (labels != null && labels.frames() != keypoints.frames()) {
            throw new PosettaException("The labels cover " + labels.frames() + " frames but the keypoints have "
                    + keypoints.frames() + ": give one label per frame of this sequence.");
        }
        try (SemanticAdapter adapter = new SemanticAdapter(settings, ActionSentences.dictionary())) {
            return adapter.adapt(keypoints, labels, line -> { });
        }
    }

    /**
     * {@code motion} refined by STRIDE's test-time training of the shipped motion prior (15 epochs
     * on this sequence, seed 0): every frame valid, gaps in-painted, the motion temporally
     * coherent; entries the input did not observe are marked filled. The same input gives the
     * same output.
     *
     * @param motion a noisy, possibly gappy 3D sequence in any layout with a joint map to H36M-17
     * @return the refined sequence in H36M-17, same frames and frame rate
     */
    public static Motion3d refine(Motion3d motion) {
        return refine(motion, Refiner.Options.DEFAULTS).motion();
    }

    /**
     * {@code motion} refined with the given settings (epochs, loss weights, learning rate, seed).
     *
     * @param motion  a noisy, possibly gappy 3D sequence in any layout with a joint map to H36M-17
     * @param options the test-time training settings, e.g. {@code Refiner.Options.DEFAULTS.withEpochs(10)}
     * @return the refined sequence with the test-time training losses per epoch
     */
    public static Refinement refine(Motion3d motion, Refiner.Options options) {
        try (MotionPrior prior = MotionPrior.bundled()) {
            return new Refiner(prior, options).refine(motion);
        }
    }

    /**
     * The protocol metrics of {@code prediction} against {@code groundTruth} (all joints,
     * pelvis-relative), over the frames valid in both.
     *
     * @param prediction  the estimate, frame-aligned with the ground truth
     * @param groundTruth the reference motion
     * @return MPJPE, P-MPJPE, N-MPJPE, MPJVE, acceleration error, PCK@150 mm and AUC
     */
    public static PoseErrors evaluate(Motion3d prediction, Motion3d groundTruth) {
        return PoseMetrics.evaluate(prediction, groundTruth);
    }

    /**
     * The protocol metrics with a joint set and root choice.
     *
     * @param prediction  the estimate, frame-aligned with the ground truth
     * @param groundTruth the reference motion
     * @param options     the joints scored and the root they are made relative to
     * @return the metrics, as {@link #evaluate(Motion3d, Motion3d)}
     */
    public static PoseErrors evaluate(Motion3d prediction, Motion3d groundTruth, EvalOptions options) {
        return PoseMetrics.evaluate(prediction, groundTruth, options);
    }

    private static String stem(Path out) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
