package org.posetta.adapt.refine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.posetta.io.AtomicOutput;
import org.posetta.nn.DstFormer;
import org.posetta.nn.DstFormerConfig;
import org.posetta.pose.Layout;
import org.posetta.pose.PosettaException;

/**
 * STRIDE's motion prior: a {@link DstFormer} that maps a gap-filled, noisy, root-relative
 * H36M-17 clip with observation flags ({@link PriorInput}) to the clean root-relative clip. It
 * predicts a correction, {@code ŷ = x_xyz + DSTFormer(x)}, so that an untrained or lightly
 * trained network starts from the gap-filled input rather than from zero (MotionBERT predicts
 * the pose itself; a small CPU-trained network converges much faster on the residual).
 *
 * <p>Weights live in a safetensors file with a JSON card next to it ({@code NAME.json}); the
 * card's {@code architecture}, {@code fps} and {@code clip_frames} describe the network.
 */
public final class MotionPrior implements AutoCloseable {
    /** The bundled prior's resource name, without extension. */
    public static final String BUNDLED = "/models/stride-prior";
    /**
     * Windows per inference forward (each also mirrored). Every intermediate of a forward stays in
     * native memory until its scope closes, so this, not the sequence's length, sets the peak.
     */
    private static final int INFERENCE_BATCH = 4;

    private final NDManager manager;
    private final DstFormer net;
    private final double fps;
    private final int clipFrames;
    private final Map<String, Object> card;

    private MotionPrior(NDManager manager, DstFormer net, double fps, int clipFrames, Map<String, Object> card) {
        this.manager = manager;
        this.net = net;
        this.fps = fps;
        this.clipFrames = clipFrames;
        this.card = card;
    }

    /** A new prior with weights drawn from {@code seed}. */
    public static MotionPrior create(DstFormerConfig config, double fps, long seed) {
        NDManager manager = NDManager.newBaseManager();
        return new MotionPrior(manager, new DstFormer(manager, config, seed), fps, config.maxFrames(), Map.of());
    }

    /** The prior shipped in the jar. */
    public static MotionPrior bundled() {
        try (InputStream card = MotionPrior.class.getResourceAsStream(BUNDLED + ".json");
                InputStream weights = MotionPrior.class.getResourceAsStream(BUNDLED + ".safetensors")) {
            if (card == null || weights == null) {
                throw new PosettaException("The motion prior " + BUNDLED + " is missing from the jar: rebuild posetta or run "
                        + "'posetta train prior'.");
            }
            return read(card.readAllBytes(), weights, BUNDLED);
        } catch (IOException e) {
            throw new PosettaException("Cannot read the bundled motion prior: " + e.getMessage());
        }
    }

    /** A prior from {@code weights} (safetensors) and the card next to it ({@code NAME.json}). */
    public static MotionPrior load(Path weights) {
        Path cardFile = cardPath(weights);
        try (InputStream in = Files.newInputStream(weights)) {
            return read(Files.readAllBytes(cardFile), in, weights.toString());
        } catch (IOException e) {
            throw new PosettaException("Cannot read the motion prior " + weights + " with its card " + cardFile
                    + ": give a file written by 'posetta train prior'.");
        }
    }

    @SuppressWarnings("unchecked")
    private static MotionPrior read(byte[] cardJson, InputStream weights, String name) throws IOException {
        Map<String, Object> card = new ObjectMapper().readValue(cardJson, LinkedHashMap.class);
        DstFormerConfig config;
        try {
            config = new ObjectMapper().convertValue(card.get("architecture"), DstFormerConfig.class);
        } catch (IllegalArgumentException e) {
            throw new PosettaException("The card of the motion prior " + name + " has no valid 'architecture': "
                    + "give a file written by 'posetta train prior'.");
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            DstFormer net = new DstFormer(manager, config, 0);
            Map<String, NDArray> values = new HashMap<>();
            for (NDArray a : NDList.decode(manager, weights)) {
                values.put(a.getName(), a);
            }
            net.load(values);
            values.values().forEach(NDArray::close);
            return new MotionPrior(manager, net, ((Number) card.get("fps")).doubleValue(),
                    ((Number) card.get("clip_frames")).intValue(), card);
        } catch (RuntimeException e) {
            manager.close();
            throw new PosettaException("The motion prior " + name + " does not match its card (" + e.getMessage()
                    + "): give a file written by 'posetta train prior'.");
        }
    }

    /** A copy with its own weights (test-time training changes the copy, never this prior). */
    public MotionPrior copy() {
        NDManager m = NDManager.newBaseManager();
        DstFormer twin = new DstFormer(m, net.config(), 0);
        twin.load(net.parameters());
        return new MotionPrior(m, twin, fps, clipFrames, card);
    }

    /** Writes the weights and the card atomically. */
    public void save(Path weights, Map<String, Object> cardEntries) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architecture", net.config());
        c.put("parameters", net.config().parameterCount());
        c.put("fps", fps);
        c.put("clip_frames", clipFrames);
        c.put("input", "H36M-17, camera frame, metres, root-relative (pelvis), gap-filled; channels x, y, z, observed");
        c.put("output", "H36M-17, camera frame, metres, root-relative: input x, y, z plus the network's correction");
        c.putAll(cardEntries);
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : net.parameters().entrySet()) {
            NDArray a = e.getValue().duplicate();
            a.setName(e.getKey());
            list.add(a);
        }
        try {
            AtomicOutput.write(weights, tmp -> {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    list.encode(out, NDList.Encoding.SAFETENSORS);
                }
            });
            AtomicOutput.write(cardPath(weights), tmp -> new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValue(tmp.toFile(), c));
        } finally {
            list.close();
        }
    }

    static Path cardPath(Path weights) {
        String n = weights.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return weights.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + ".json");
    }

    public DstFormerConfig config() {
        return net.config();
    }

    /** The frame rate the prior was trained at. */
    public double fps() {
        return fps;
    }

    /** The longest clip the network reads. */
    public int clipFrames() {
        return clipFrames;
    }

    /** The card read with the weights (empty for a new prior). */
    public Map<String, Object> card() {
        return card;
    }

    Map<String, NDArray> parameters() {
        return net.parameters();
    }

    NDManager manager() {
        return manager;
    }

    /** @param input B×T×J×{@value PriorInput#CHANNELS}; returns B×T×J×3 */
    NDArray forward(NDArray input) {
        return input.get(new NDIndex("..., 0:3")).add(net.forward(input));
    }

    /**
     * The refined root-relative clip for a whole sequence of any length: overlapping windows of
     * {@link #clipFrames} frames (stride half a window), each predicted as the mean of the
     * prediction and the flipped prediction of the flipped input, overlaps averaged.
     *
     * @param input T·J·{@value PriorInput#CHANNELS}
     * @return T·J·3, metres, root-relative
     */
    public float[] infer(float[] input, int frames, Layout layout) {
        int joints = layout.size();
        int length = Math.min(clipFrames, frames);
        List<Integer> starts = ClipWindows.starts(frames, clipFrames, Math.max(1, clipFrames / 2));
        double[] sum = new double[frames * joints * 3];
        int[] count = new int[frames];
        for (int first = 0; first < starts.size(); first += INFERENCE_BATCH) {
            List<Integer> batch = starts.subList(first, Math.min(starts.size(), first + INFERENCE_BATCH));
            int n = batch.size();
            int windowValues = length * joints * PriorInput.CHANNELS;
            float[] x = new float[2 * n * windowValues];
            for (int b = 0; b < n; b++) {
                float[] window = new float[windowValues];
                System.arraycopy(input, batch.get(b) * joints * PriorInput.CHANNELS, window, 0, windowValues);
                System.arraycopy(window, 0, x, b * windowValues, windowValues);
                System.arraycopy(Mirror.flip(window, length, layout, PriorInput.CHANNELS), 0, x, (n + b) * windowValues,
                        windowValues);
            }
            float[] y;
            try (NDScope scope = new NDScope()) {
                y = forward(manager.create(x, new Shape(2L * n, length, joints, PriorInput.CHANNELS))).toFloatArray();
            }
            int out = length * joints * 3;
            for (int b = 0; b < n; b++) {
                float[] direct = new float[out];
                float[] mirrored = new float[out];
                System.arraycopy(y, b * out, direct, 0, out);
                System.arraycopy(y, (n + b) * out, mirrored, 0, out);
                float[] unflipped = Mirror.flip(mirrored, length, layout, 3);
                int s = batch.get(b);
                for (int i = 0; i < out; i++) {
                    sum[s * joints * 3 + i] += 0.5 * (direct[i] + unflipped[i]);
                }
                for (int t = 0; t < length; t++) {
                    count[s + t]++;
                }
            }
        }
        float[] result = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            result[i] = (float) (sum[i] / count[i / (joints * 3)]);
        }
        return PriorInput.rootRelative(result, frames, joints);
    }

    @Override
    public void close() {
        manager.close();
    }
}
