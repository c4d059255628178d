package org.posetta.adapt.lift;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.posetta.io.AtomicOutput;
import org.posetta.pose.PosettaException;

/**
 * What PoSynDA learns for a target domain, kept apart from the source denoiser so that one
 * adaptation serves a whole domain: rank-r LoRA deltas on the fused q/k/v projection (C → 3C) and
 * the output projection (C → C) of every spatial and temporal attention layer, and the
 * cross-dataset bias, a J×3 offset added to the predicted pose (paper Eq. 11).
 *
 * <p>LoRA (Hu et al. 2021) as PoSynDA's code uses it: W x + B (A x), scale 1, A ~ N(0, (1/r)²),
 * B = 0, so an unadapted adapter changes nothing. Either part can be switched off for ablations
 * (it then stays zero and is not trained).
 */
public final class Adapter implements AutoCloseable {
    /** PoSynDA's rank (paper Table 7). */
    public static final int DEFAULT_RANK = 4;

    private final int width;
    private final int depth;
    private final int joints;
    private final int rank;
    private final boolean lora;
    private final boolean hasBias;
    private final NDManager manager;
    /** name → array; LoRA names {@code {spatial|temporal}.{d}.{qkv|proj}.{A|B}}, and {@code bias}. */
    private final Map<String, NDArray> parameters;

    private Adapter(int width, int depth, int joints, int rank, boolean lora, boolean hasBias, NDManager manager,
            Map<String, NDArray> parameters) {
        this.width = width;
        this.depth = depth;
        this.joints = joints;
        this.rank = rank;
        this.lora = lora;
        this.hasBias = hasBias;
        this.manager = manager;
        this.parameters = parameters;
    }

    /** A fresh adapter for {@code denoiser}: zero delta, zero bias. */
    public static Adapter create(Denoiser denoiser, int rank, boolean lora, boolean bias, long seed) {
        Denoiser.Config c = denoiser.config();
        NDManager m = denoiser.manager().newSubManager();
        Random rnd = new Random(seed);
        Map<String, NDArray> p = new LinkedHashMap<>();
        for (int d = 0; d < c.depth(); d++) {
            for (String kind : new String[] {"spatial", "temporal"}) {
                for (String which : new String[] {"qkv", "proj"}) {
                    String n = kind + "." + d + "." + which;
                    int out = which.equals("qkv") ? 3 * c.width() : c.width();
                    float[] a = new float[rank * c.width()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = (float) (rnd.nextGaussian() / rank);
                    }
                    p.put(n + ".A", m.create(a, new Shape(rank, c.width())));
                    p.put(n + ".B", m.zeros(new Shape(out, rank)));
                }
            }
        }
        p.put("bias", m.zeros(new Shape(c.joints(), 3)));
        Adapter adapter = new Adapter(c.width(), c.depth(), c.joints(), rank, lora, bias, m, p);
        for (NDArray a : adapter.trainable()) {
            a.setRequiresGradient(true);
        }
        return adapter;
    }

    /** An independent copy (e.g. the EMA teacher), not trainable. */
    public Adapter copy() {
        NDManager m = manager.getParentManager().newSubManager();
        Map<String, NDArray> p = new LinkedHashMap<>();
        parameters.forEach((k, v) -> p.put(k, m.create(v.toFloatArray(), v.getShape())));
        return new Adapter(width, depth, joints, rank, lora, hasBias, m, p);
    }

    /** θ ← μ θ + (1 − μ) θ_student, in place (the exponential moving average teacher). */
    public void blendTowards(Adapter student, double momentum) {
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray s = student.parameters.get(e.getKey());
            try (NDArray step = s.mul((float) (1 - momentum))) {
                e.getValue().muli((float) momentum).addi(step);
            }
        }
    }

    public int width() {
        return width;
    }

    public int depth() {
        return depth;
    }

    public int joints() {
        return joints;
    }

    public int rank() {
        return rank;
    }

    public boolean hasLora() {
        return lora;
    }

    public boolean hasBias() {
        return hasBias;
    }

    /** The arrays an optimiser updates: the LoRA factors where LoRA is on, the bias where it is on. */
    public List<NDArray> trainable() {
        List<NDArray> out = new ArrayList<>();
        parameters.forEach((k, v) -> {
            if (k.equals("bias") ? hasBias : lora) {
                out.add(v);
            }
        });
        return out;
    }

    /** The number of trainable values. */
    public long trainableCount() {
        return trainable().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** The bias, J×3 metres. */
    NDArray bias() {
        return parameters.get("bias");
    }

    /**
     * The LoRA delta B (A x) of one projection; only called where LoRA is on.
     *
     * @param kind  0 spatial, 1 temporal
     * @param which 0 the q/k/v projection, 1 the output projection
     */
    NDArray delta(NDArray x, int depth, int kind, int which) {
        String n = (kind == 0 ? "spatial." : "temporal.") + depth + (which == 0 ? ".qkv" : ".proj");
        return x.matMul(parameters.get(n + ".A").transpose()).matMul(parameters.get(n + ".B").transpose());
    }

    /**
     * Writes the adapter as safetensors: arrays by name and the sizes as metadata arrays, so it
     * can be read without the denoiser's card.
     */
    public void save(Path file) {
        List<NDArray> list = new ArrayList<>();
        try (NDManager m = manager.newSubManager()) {
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray a = m.create(e.getValue().toFloatArray(), e.getValue().getShape());
                a.setName(e.getKey());
                list.add(a);
            }
            NDArray sizes = m.create(new int[] {width, depth, joints, rank, lora ? 1 : 0, hasBias ? 1 : 0});
            sizes.setName("sizes");
            list.add(sizes);
            NDList named = new NDList(list);
            AtomicOutput.write(file, tmp -> writeTo(named, tmp));
        }
    }

    static void writeTo(NDList list, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            list.encode(out, NDList.Encoding.SAFETENSORS);
        }
    }

    /**
     * Reads an adapter written by {@link #save} for {@code denoiser}.
     *
     * @throws PosettaException when the file is missing, not an adapter, or made for another denoiser
     */
    public static Adapter load(Path file, Denoiser denoiser) {
        if (!Files.isRegularFile(file)) {
            throw new PosettaException("adapter " + file + " does not exist: give a file written by --save-adapter.");
        }
        NDManager m = denoiser.manager().newSubManager();
        try (InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(m, in);
            Map<String, NDArray> byName = new LinkedHashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName(), a);
            }
            NDArray sizesArray = byName.remove("sizes");
            if (sizesArray == null) {
                throw new IllegalArgumentException("no sizes");
            }
            int[] sizes = sizesArray.toIntArray();
            Denoiser.Config c = denoiser.config();
            if (sizes[0] != c.width() || sizes[1] != c.depth() || sizes[2] != c.joints()) {
                throw new PosettaException("adapter " + file + " was made for a denoiser of width " + sizes[0] + " and depth "
                        + sizes[1] + ", not this one (width " + c.width() + ", depth " + c.depth()
                        + "): adapt again with this model.");
            }
            Adapter fresh = create(denoiser, sizes[3], sizes[4] == 1, sizes[5] == 1, 0);
            try {
                for (Map.Entry<String, NDArray> e : fresh.parameters.entrySet()) {
                    NDArray v = byName.get(e.getKey());
                    if (v == null || !v.getShape().equals(e.getValue().getShape())) {
                        throw new IllegalArgumentException("array " + e.getKey());
                    }
                    e.getValue().set(v.toFloatArray());
                }
            } catch (RuntimeException ex) {
                fresh.close();
                throw ex;
            }
            return fresh;
        } catch (IOException | RuntimeException e) {
            if (e instanceof PosettaException p) {
                throw p;
            }
            throw new PosettaException("adapter " + file + " cannot be read (" + e.getMessage()
                    + "): give a file written by --save-adapter.", e);
        } finally {
            m.close();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
