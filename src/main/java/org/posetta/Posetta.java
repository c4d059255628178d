package org.posetta;

import java.nio.file.Path;
import org.posetta.adapt.refine.MotionPrior;
import org.posetta.adapt.refine.Refinement;
import org.posetta.adapt.refine.Refiner;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.ReadOptions;
import org.posetta.io.WriteOptions;
import org.posetta.metrics.EvalOptions;
import org.posetta.metrics.PoseErrors;
import org.posetta.metrics.PoseMetrics;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * The library's entry point for JVM programs: read pose files in any supported format, write
 * them, and score a prediction against ground truth. Plain values in and out and no global
 * state, so calls from several threads or tasks are independent.
 *
 * <pre>{@code
 * Motion3d walk = Posetta.readMotion(Path.of("walk.bvh"));          // any 3D format, as H36M-17
 * Posetta.write(walk, Path.of("walk.trc"));                          // format from the extension
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

    /** Everything in {@code file}, with the format recognised from its name and content. */
    public static PoseFile read(Path file) {
        return Formats.read(file, ReadOptions.DEFAULTS);
    }

    /**
     * Everything in {@code file}.
     *
     * @param options what the file cannot say (layout, fps, image size)
     * @param format  a format id ({@code bvh}, {@code npz}, {@code alphapose}, ...), or
     *                {@code null} to recognise it
     */
    public static PoseFile read(Path file, ReadOptions options, String format) {
        return Formats.read(file, options, format);
    }

    /** The one 3D sequence of {@code file}, in the canonical H36M-17 layout. */
    public static Motion3d readMotion(Path file) {
        PoseFile data = read(file);
        if (data.motions().size() != 1) {
            throw new PosettaException(file + " holds " + data.motions().size() + " 3D sequences, not one: read it with"
                    + " Posetta.read and choose a sequence by name.");
        }
        Motion3d m = data.motions().values().iterator().next();
        return m.layout() == Layout.H36M17 ? m : JointMap.toCanonical(m.layout()).apply(m);
    }

    /** The one 2D sequence of {@code file}, in the canonical H36M-17 layout. */
    public static Keypoints2d readKeypoints(Path file) {
        PoseFile data = read(file);
        if (data.keypoints().size() != 1) {
            throw new PosettaException(file + " holds " + data.keypoints().size() + " 2D sequences, not one: read it with"
                    + " Posetta.read and choose a sequence by name.");
        }
        Keypoints2d k = data.keypoints().values().iterator().next();
        return k.layout() == Layout.H36M17 ? k : JointMap.toCanonical(k.layout()).apply(k);
    }

    /** Writes {@code motion} to {@code out} in the format its extension names, atomically. */
    public static void write(Motion3d motion, Path out) {
        write(PoseFile.of("api", stem(out), motion), out, null, WriteOptions.DEFAULTS);
    }

    /** Writes {@code keypoints} to {@code out} in the format its extension names, atomically. */
    public static void write(Keypoints2d keypoints, Path out) {
        write(PoseFile.of("api", stem(out), keypoints), out, null, WriteOptions.DEFAULTS);
    }

    /**
     * Writes {@code data} to {@code out}, atomically (a temporary file moved into place).
     *
     * @param format  a format id, or {@code null} for the one the extension names
     * @param options units and BVH exact mode, where the format has them
     */
    public static void write(PoseFile data, Path out, String format, WriteOptions options) {
        Formats.write(data, out, format, options);
    }

    /** The protocol metrics of {@code prediction} against {@code groundTruth} (all joints, pelvis-relative). */
    public static PoseErrors evaluate(Motion3d prediction, Motion3d groundTruth) {
        return PoseMetrics.evaluate(prediction, groundTruth);
    }

    /** The protocol metrics with a joint set and root choice. */
    public static PoseErrors evaluate(Motion3d prediction, Motion3d groundTruth, EvalOptions options) {
        return PoseMetrics.evaluate(prediction, groundTruth, options);
    }

    /**
     * STRIDE refinement of a noisy, gappy 3D sequence with the bundled motion prior and the
     * default test-time training ({@link Refiner.Options#DEFAULTS}): every frame of the result is
     * filled. For other settings or a prior of your own use {@link Refiner} directly.
     */
    public static Refinement refine(Motion3d motion) {
        try (MotionPrior prior = MotionPrior.bundled()) {
            return new Refiner(prior, Refiner.Options.DEFAULTS).refine(motion);
        }
    }

    private static String stem(Path out) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
