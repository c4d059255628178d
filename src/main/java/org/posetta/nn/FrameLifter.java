package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The per-frame 2D→3D lifter in the spirit of Martinez et al. 2017 ("a simple yet effective
 * baseline"): one frame of H36M-17 keypoints, screen-normalised, to the 16 non-root joints in the
 * camera frame relative to the pelvis, in metres.
 *
 * <p>Input [B, 17, 3] as {@link KeypointCodec} encodes it (x_n, y_n, confidence). Coordinates are
 * z-scored per joint and axis ({@code input.mean}, {@code input.std}), missing joints (confidence
 * 0) get 0 and a presence flag of 0, so the network knows a joint is missing rather than at the
 * mean. Then: linear to the width, layer norm, ReLU, dropout; residual blocks; a linear layer to
 * 48 z-scored outputs, de-normalised by {@code output.mean}, {@code output.std}. Output [B, 17, 3]
 * with the root at the origin.
 */
public final class FrameLifter {
    public static final int JOINTS = 17;
    private static final int INPUTS = JOINTS * 2 + JOINTS;
    private static final int OUTPUTS = (JOINTS - 1) * 3;

    /** Width, residual blocks, dropout. */
    public record Architecture(int width, int blocks, double dropout) {
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", "frame-lifter");
            m.put("form", "Martinez et al. 2017 residual MLP, layer norm");
            m.put("inputs", "17 joints (H36M-17): z-scored screen-normalised x, y (0 where missing) + presence flags");
            m.put("outputs", "16 non-root joints, camera frame, root-relative, metres (z-scored)");
            m.put("width", width);
            m.put("blocks", blocks);
            m.put("dropout", dropout);
            return m;
        }

        @SuppressWarnings("unchecked")
        public static Architecture of(Map<String, Object> card) {
            Map<String, Object> a = (Map<String, Object>) card.get("architecture");
            return new Architecture(((Number) a.get("width")).intValue(), ((Number) a.get("blocks")).intValue(),
                    ((Number) a.get("dropout")).doubleValue());
        }
    }

    private final Architecture architecture;
    private final Parameters params;
    private final Standardiser input;
    private final Standardiser output;
    private final Linear in;
    private final LayerNorm inNorm;
    private final List<ResidualBlock> blocks = new ArrayList<>();
    private final Linear out;

    /** Declares the network's tensors in {@code params}, initialised from {@code seed}. */
    public FrameLifter(Parameters params, Architecture architecture, long seed) {
        Random rng = new Random(seed);
        this.architecture = architecture;
        this.params = params;
        this.input = new Standardiser(params, "input", JOINTS * 2);
        this.output = new Standardiser(params, "output", OUTPUTS);
        this.in = new Linear(params, "in", INPUTS, architecture.width(), true, rng);
        this.inNorm = new LayerNorm(params, "in_norm", architecture.width());
        for (int b = 0; b < architecture.blocks(); b++) {
            blocks.add(new ResidualBlock(params, "blocks." + b, architecture.width(), architecture.dropout(), rng));
        }
        this.out = new Linear(params, "out", architecture.width(), OUTPUTS, true, rng);
    }

    public Architecture architecture() {
        return architecture;
    }

    public Parameters parameters() {
        return params;
    }

    /** The input statistics; set from training data before training. */
    public Standardiser inputStandardiser() {
        return input;
    }

    /** The output statistics; set from training data before training. */
    public Standardiser outputStandardiser() {
        return output;
    }

    /** [B, 17, 3] keypoints → [B, 16·3] z-scored outputs (what the loss compares before de-normalising). */
    public NDArray forwardStandardised(NDArray keypoints, boolean training) {
        long b = keypoints.getShape().get(0);
        NDArray xy = keypoints.get(new NDIndex(":, :, :2")).reshape(b, JOINTS * 2);
        NDArray present = keypoints.get(new NDIndex(":, :, 2:")).gt(0).toType(DataType.FLOAT32, false);
        NDArray mask = NDArrays.concat(new NDList(present, present), 2).reshape(b, JOINTS * 2);
        NDArray features = NDArrays.concat(new NDList(input.normalise(xy).mul(mask), present.reshape(b, JOINTS)), 1);
        NDArray h = Activation.relu(inNorm.forward(in.forward(features, training), training));
        if (training && architecture.dropout() > 0) {
            h = Dropout.dropout(h, (float) architecture.dropout(), true).singletonOrThrow();
        }
        for (ResidualBlock block : blocks) {
            h = block.forward(h, training);
        }
        return out.forward(h, training);
    }

    /** [B, 17, 3] keypoints → [B, 17, 3] root-relative camera-frame metres, root at 0. */
    public NDArray forward(NDArray keypoints, boolean training) {
        NDArray joints = output.denormalise(forwardStandardised(keypoints, training));
        long b = keypoints.getShape().get(0);
        NDArray root = joints.getManager().zeros(new Shape(b, 1, 3));
        return NDArrays.concat(new NDList(root, joints.reshape(b, JOINTS - 1, 3)), 1);
    }

    /** Lifts T·17·3 encoded values (see {@link KeypointCodec#normalise}) in batches; T·17·3 metres back. */
    public float[] lift(NDManager manager, float[] encoded, int batch) {
        int frames = encoded.length / (JOINTS * 3);
        float[] result = new float[frames * JOINTS * 3];
        for (int from = 0; from < frames; from += batch) {
            int n = Math.min(batch, frames - from);
            try (NDManager m = manager.newSubManager()) {
                float[] chunk = Arrays.copyOfRange(encoded, from * JOINTS * 3, (from + n) * JOINTS * 3);
                float[] y = forward(m.create(chunk, new Shape(n, JOINTS, 3)), false).toFloatArray();
                System.arraycopy(y, 0, result, from * JOINTS * 3, y.length);
            }
        }
        return result;
    }
}
