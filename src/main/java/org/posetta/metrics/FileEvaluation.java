package org.posetta.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.posetta.io.PoseFile;
import org.posetta.pose.JointMap;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * Evaluates the 3D sequences of a prediction file against those of a ground-truth file. Sequences
 * pair by name; two files with one 3D sequence each pair whatever their names (a single-sequence
 * file names it after itself). Both sides are mapped to H36M-17 and compared frame by frame with
 * {@link PoseMetrics}, so they must have the same frame count, frame rate and coordinate frame;
 * a frame counts where it is valid in both.
 */
public final class FileEvaluation {
    /**
     * @param perSequence the errors of each paired sequence, in ground-truth order
     * @param pooled      all paired frames together ({@link PoseErrors#pool})
     * @param frames      the frames of the paired sequences, counted or not
     */
    public record Result(Map<String, PoseErrors> perSequence, PoseErrors pooled, int frames) {
        public Result {
            perSequence = Collections.unmodifiableMap(new LinkedHashMap<>(perSequence));
        }
    }

    private FileEvaluation() {
    }

    /**
     * @param predictionSource  names the prediction file in error messages
     * @param groundTruthSource names the ground-truth file in error messages
     */
    public static Result evaluate(PoseFile prediction, String predictionSource, PoseFile groundTruth,
            String groundTruthSource, EvalOptions options) {
        Map<String, Motion3d> pred = prediction.motions();
        Map<String, Motion3d> truth = groundTruth.motions();
        if (pred.isEmpty() || truth.isEmpty()) {
            throw new PosettaException((pred.isEmpty() ? predictionSource : groundTruthSource)
                    + " holds no 3D motion: eval compares 3D sequences, so give 3D files for --pred and --gt.");
        }
        List<String[]> pairs = new ArrayList<>();
        for (String name : truth.keySet()) {
            if (pred.containsKey(name)) {
                pairs.add(new String[] {name, name});
            }
        }
        if (pairs.isEmpty() && pred.size() == 1 && truth.size() == 1) {
            pairs.add(new String[] {pred.keySet().iterator().next(), truth.keySet().iterator().next()});
        }
        if (pairs.isEmpty()) {
            throw new PosettaException(predictionSource + " and " + groundTruthSource
                    + " share no sequence name: give files whose sequences are named alike, or one sequence each.");
        }
        Map<String, PoseErrors> per = new LinkedHashMap<>();
        int frames = 0;
        for (String[] pair : pairs) {
            Motion3d p = canonical(pred.get(pair[0]));
            Motion3d g = canonical(truth.get(pair[1]));
            String what = "sequence " + pair[1] + " of " + predictionSource + " and " + groundTruthSource;
            if (p.coordinateFrame() != g.coordinateFrame()) {
                throw new PosettaException("In " + what + ", the prediction is in the " + p.coordinateFrame().id()
                        + " frame and the ground truth in the " + g.coordinateFrame().id() + " frame: give both in the same frame.");
            }
            if (p.frames() != g.frames() || p.fps() != g.fps()) {
                throw new PosettaException("In " + what + ", the prediction has " + p.frames() + " frames at " + p.fps()
                        + " fps and the ground truth " + g.frames() + " at " + g.fps() + ": give sequences aligned frame by frame.");
            }
            per.put(pair[1], PoseMetrics.evaluate(p, g, options, null));
            frames += g.frames();
        }
        return new Result(per, PoseErrors.pool(per.values()), frames);
    }

    private static Motion3d canonical(Motion3d m) {
        return JointMap.toCanonical(m.layout()).apply(m);
    }
}
