package org.posetta.nn;

import ai.djl.ndarray.NDManager;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.JointMap;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * A trained {@link FrameLifter} with its card, ready to lift keypoint files: 2D of any layout
 * with a joint map to H36M-17 → root-relative H36M-17 3D in the camera frame, metres, frame by
 * frame. Joints the 2D lacks are flagged missing to the network (never zero); their 3D is
 * inferred from the others and marked filled. A frame with fewer than {@link #MIN_JOINTS}
 * joints has no estimate (invalid). Holds native memory: close it.
 */
public final class FrameLifterModel implements AutoCloseable {
    /** The least number of present H36M-17 joints for a frame to be lifted. */
    public static final int MIN_JOINTS = 8;
    /** The shipped weights and card, as resources of the jar. */
    public static final String RESOURCE = "/models/frame-lifter.safetensors";
    private static final int BATCH = 4096;

    private final NDManager manager;
    private final Parameters params;
    private final FrameLifter net;
    private final Map<String, Object> card;
    private final String source;

    private FrameLifterModel(Map<String, Object> card, InputStream weights, String source) {
        this.card = Collections.unmodifiableMap(card);
        this.source = source;
        this.manager = NDManager.newBaseManager();
        try {
            this.params = new Parameters(manager);
            this.net = new FrameLifter(params, FrameLifter.Architecture.of(card), 0);
            Checkpoint.load(weights, source, params);
        } catch (RuntimeException e) {
            manager.close();
            if (e instanceof PosettaException) {
                throw e;
            }
            throw new PosettaException(source + " is not a frame-lifter checkpoint (" + e.getMessage()
                    + "): give weights written by posetta train frame-lifter.", e);
        }
    }

    /** The model shipped in the jar. */
    public static FrameLifterModel shipped() {
        return Checkpoint.openShipped(RESOURCE, "per-frame lifter", "posetta train frame-lifter", FrameLifterModel::new);
    }

    /** Weights written by {@code posetta train frame-lifter}, with their card next to them. */
    public static FrameLifterModel load(Path weights) {
        return Checkpoint.open(weights, "posetta train frame-lifter", FrameLifterModel::new);
    }

    public Map<String, Object> card() {
        return card;
    }

    /** Lifts every frame; see the class comment. */
    public Motion3d lift(Keypoints2d keypoints) {
        Keypoints2d k = keypoints.layout().equals(Layout.H36M17) ? keypoints : JointMap.toCanonical(keypoints.layout()).apply(keypoints);
        int t = k.frames();
        int j = FrameLifter.JOINTS;
        float[] encoded = KeypointCodec.of(k).normalise(k);
        float[] xyz = lift(encoded);
        boolean[] valid = new boolean[t * j];
        boolean[] filled = new boolean[t * j];
        for (int f = 0; f < t; f++) {
            int present = 0;
            for (int q = 0; q < j; q++) {
                if (encoded[(f * j + q) * 3 + 2] > 0) {
                    present++;
                }
            }
            boolean ok = present >= MIN_JOINTS;
            for (int q = 0; q < j; q++) {
                valid[f * j + q] = ok;
                filled[f * j + q] = ok && encoded[(f * j + q) * 3 + 2] == 0;
                if (!ok) {
                    xyz[(f * j + q) * 3] = xyz[(f * j + q) * 3 + 1] = xyz[(f * j + q) * 3 + 2] = 0;
                }
            }
        }
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", "lift");
        step.put("model", "frame-lifter");
        step.put("weights", source);
        step.put("trained", card.get("date"));
        step.put("output", "root-relative (pelvis at 0), camera frame, metres");
        step.put("licence", card.get("licence"));
        return new Motion3d(Layout.H36M17, k.fps(), CoordinateFrame.CAMERA, xyz, valid, filled, null,
                k.provenance().withStep(step));
    }

    /** Lifts T·17·3 encoded keypoints (see {@link KeypointCodec#normalise}) to T·17·3 metres. */
    public float[] lift(float[] encoded) {
        return net.lift(manager, encoded, BATCH);
    }

    /**
     * A trainable copy of the network, declared in {@code params}: adapters train the copy and
     * this model's weights stay as shipped.
     */
    public FrameLifter copyInto(Parameters params) {
        FrameLifter copy = new FrameLifter(params, net.architecture(), 0);
        params.assign(this.params.all());
        return copy;
    }

    @Override
    public void close() {
        manager.close();
    }
}
