package org.posetta.adapt.semantic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.posetta.geometry.Camera;
import org.posetta.nn.FrameLifterModel;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

/**
 * The {@code semantic} adapter as users call it: the 2D keypoints of one video (any layout with
 * a joint map to H36M-17) and, optionally, what the person does → 3D that follows both
 * ({@link SemanticAdaptation}). Without labels, and with the motion-text space in use, each
 * frame is labelled zero-shot (methods §9.1): every 2-second segment of the unadapted
 * prediction gets the dictionary sentence nearest to it in the motion-text space, and each
 * frame the sentence most of its segments got. The camera is the one assumed from the image
 * size ({@link Camera#defaultFor}), its vertical the image's up. Holds native memory: close it.
 */
public final class SemanticAdapter implements AutoCloseable {
    private final FrameLifterModel lifter;
    private final MotionTextModel motionText;
    private final SemanticAdaptation.Settings settings;
    private final List<String> dictionary;

    /**
     * @param settings   what to run; its τ is replaced by the shipped model's calibrated one when NaN
     * @param dictionary the sentences self-labelling chooses from
     */
    public SemanticAdapter(SemanticAdaptation.Settings settings, List<String> dictionary) {
        this.lifter = FrameLifterModel.shipped();
        this.motionText = settings.usesText() ? MotionTextModel.shipped() : null;
        this.settings = Double.isNaN(settings.tau()) && motionText != null ? settings.withTau(motionText.tau()) : settings;
        this.dictionary = List.copyOf(dictionary);
    }

    /**
     * The full method with the settings chosen on the training subject S8: λ = 0.1, α = 0.5, the
     * calibrated τ, 13 cycles.
     */
    public static SemanticAdaptation.Settings defaults(long seed) {
        return SemanticAdaptation.Settings.full(0.1, 0.5, Double.NaN, seed);
    }

    public SemanticAdaptation.Settings settings() {
        return settings;
    }

    /**
     * Adapts to one video.
     *
     * @param labels per-frame labels, or null to label the video zero-shot (ignored without text)
     */
    public SemanticAdaptation.Result adapt(Keypoints2d keypoints, Labels labels, Consumer<String> log) {
        Keypoints2d k = keypoints.layout().equals(Layout.H36M17) ? keypoints : JointMap.toCanonical(keypoints.layout()).apply(keypoints);
        Labels used = settings.usesText() ? labels != null ? labels : selfLabels(k) : null;
        try (MotionDenoiser denoiser = MotionDenoiser.shipped()) {
            return new SemanticAdaptation(lifter, denoiser, motionText, settings, log)
                    .adapt(k, Camera.defaultFor(k.width(), k.height()), Canonicalisation.CAMERA_UP, used);
        }
    }

    /** Zero-shot labels of {@code keypoints} (H36M-17): see the class comment. */
    public Labels selfLabels(Keypoints2d keypoints) {
        MotionTextModel space = motionText != null ? motionText : MotionTextModel.shipped();
        try {
            Motion3d m = lifter.lift(keypoints);
            int frames = m.frames();
            int n = Math.min(frames, ClipTiming.sourceFrames(m.fps()));
            float[] xyz = m.positions();
            int per = 17 * 3;
            int segments = frames - n + 1;
            float[] clips = new float[segments * ClipTiming.FRAMES * per];
            for (int s = 0; s < segments; s++) {
                float[] seg = Arrays.copyOfRange(xyz, s * per, (s + n) * per);
                float[] c = Canonicalisation.apply(ClipTiming.resample(seg, m.fps()), ClipTiming.FRAMES, Canonicalisation.CAMERA_UP);
                System.arraycopy(c, 0, clips, s * c.length, c.length);
            }
            float[] z = space.embed(clips);
            List<float[]> text = new ArrayList<>();
            for (String sentence : dictionary) {
                text.add(TextEncoder.shared().embed(sentence));
            }
            List<Map<Integer, Integer>> votes = new ArrayList<>();
            for (int f = 0; f < frames; f++) {
                votes.add(new HashMap<>());
            }
            for (int s = 0; s < segments; s++) {
                float[] zs = Arrays.copyOfRange(z, s * TextEncoder.DIMENSION, (s + 1) * TextEncoder.DIMENSION);
                int best = 0;
                for (int k = 1; k < text.size(); k++) {
                    if (TextEncoder.cosine(zs, text.get(k)) > TextEncoder.cosine(zs, text.get(best))) {
                        best = k;
                    }
                }
                for (int f = s; f < s + n; f++) {
                    votes.get(f).merge(best, 1, Integer::sum);
                }
            }
            String[] perFrame = new String[frames];
            for (int f = 0; f < frames; f++) {
                // Ties go to the earlier dictionary sentence, so the labels do not depend on map order.
                int best = votes.get(f).entrySet().stream()
                        .max((a, b) -> a.getValue().equals(b.getValue()) ? Integer.compare(b.getKey(), a.getKey())
                                : Integer.compare(a.getValue(), b.getValue()))
                        .map(Map.Entry::getKey).orElseThrow();
                perFrame[f] = dictionary.get(best);
            }
            return Labels.of(perFrame);
        } finally {
            if (space != motionText) {
                space.close();
            }
        }
    }

    @Override
    public void close() {
        lifter.close();
        if (motionText != null) {
            motionText.close();
        }
    }
}
