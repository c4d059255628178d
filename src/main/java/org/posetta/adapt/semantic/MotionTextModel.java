package org.posetta.adapt.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import org.posetta.nn.Checkpoint;
import org.posetta.nn.Parameters;
import org.posetta.pose.PosettaException;

/**
 * A trained {@link MotionEncoder} with its card: the motion side of the motion-text space, frozen.
 * The card also carries τ, the motion-text cosine above which a segment's motion counts as
 * agreeing with its label (calibrated on training subjects by {@code posetta train motion-text}).
 * Holds native memory: close it.
 */
public final class MotionTextModel implements AutoCloseable {
    /** Clips per encoder forward in {@link #embed(float[])}. */
    static final int EMBED_BATCH = 128;

    /** The shipped weights and card, as resources of the jar. */
    public static final String RESOURCE = "/models/motion-text.safetensors";

    private final NDManager manager;
    private final MotionEncoder encoder;
    private final Map<String, Object> card;

    private MotionTextModel(Map<String, Object> card, InputStream weights, String source) {
        this.card = Collections.unmodifiableMap(card);
        this.manager = NDManager.newBaseManager();
        try {
            this.encoder = new MotionEncoder(new Parameters(manager), MotionEncoder.Architecture.of(card), 0);
            Checkpoint.load(weights, source, encoder.parameters());
            // Frozen: the alignment loss passes gradients through the encoder, never into it.
            encoder.parameters().setTrainablePrefix("", false);
        } catch (RuntimeException e) {
            manager.close();
            if (e instanceof PosettaException) {
                throw e;
            }
            throw new PosettaException(source + " is not a motion-text checkpoint (" + e.getMessage()
                    + "): give weights written by posetta train motion-text.", e);
        }
    }

    /** The model shipped in the jar. */
    public static MotionTextModel shipped() {
        return Checkpoint.openShipped(RESOURCE, "motion-text model", "posetta train motion-text", MotionTextModel::new);
    }

    /** Weights written by {@code posetta train motion-text}, with their card next to them. */
    public static MotionTextModel load(Path weights) {
        return Checkpoint.open(weights, "posetta train motion-text", MotionTextModel::new);
    }

    public Map<String, Object> card() {
        return card;
    }

    /** τ of the card: cos(motion, label) above which a segment agrees with its label. */
    public double tau() {
        Object t = card.get("tau");
        if (!(t instanceof Number n)) {
            throw new PosettaException("The motion-text card has no calibrated 'tau': retrain with posetta train motion-text.");
        }
        return n.doubleValue();
    }

    /**
     * Embeddings of canonical clips, differentiable in the clips (the encoder is frozen: its
     * weights are never handed to an optimiser).
     *
     * @param clips [S, 60, 17, 3] canonical ({@link Canonicalisation}), metres, in any manager
     * @return [S, 384] unit vectors
     */
    public NDArray embed(NDArray clips) {
        return encoder.forward(clips, false);
    }

    /**
     * Embeddings of S canonical clips given as S·60·17·3 values; S·384 values back. The clips go
     * through the encoder {@value #EMBED_BATCH} at a time: every intermediate of a forward stays
     * in native memory until its manager closes, so one batch of a long video's thousands of
     * segments would need gigabytes.
     */
    public float[] embed(float[] clips) {
        int size = ClipTiming.FRAMES * 17 * 3;
        int s = clips.length / size;
        float[] out = new float[s * TextEncoder.DIMENSION];
        for (int from = 0; from < s; from += EMBED_BATCH) {
            int n = Math.min(EMBED_BATCH, s - from);
            float[] part = Arrays.copyOfRange(clips, from * size, (from + n) * size);
            try (NDManager m = manager.newSubManager()) {
                float[] z = embed(m.create(part, new Shape(n, ClipTiming.FRAMES, 17, 3))).toFloatArray();
                System.arraycopy(z, 0, out, from * TextEncoder.DIMENSION, z.length);
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
