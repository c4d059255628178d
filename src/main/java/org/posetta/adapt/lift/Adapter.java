package org.posetta.adapt.lift;

import ai.djl.ndarray.NDArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.posetta.nn.Checkpoint;
import org.posetta.nn.Parameters;
import org.posetta.nn.Scalars;
import org.posetta.pose.PosettaException;

/**
 * The values of a denoiser's adaptation tensors (LoRA factors and cross-dataset bias, see
 * {@link Denoiser#enableAdaptation}) kept apart from the denoiser: the exponential-moving-average
 * teacher, and the file that carries one adaptation to a whole target domain.
 */
public final class Adapter implements AutoCloseable {
    /** PoSynDA's rank (paper Table 7). */
    public static final int DEFAULT_RANK = 4;

    private final Parameters values;
    private final Map<String, Object> sizes;

    private Adapter(Parameters values, Map<String, Object> sizes) {
        this.values = values;
        this.sizes = sizes;
    }

    /** A copy of the denoiser's current adaptation tensors. */
    public static Adapter capture(Denoiser d, int rank) {
        Parameters p = new Parameters(d.manager());
        d.adaptation().forEach((name, a) -> p.declare(name, p.manager().create(a.toFloatArray(), a.getShape()), false));
        return new Adapter(p, sizes(d, rank));
    }

    private static Map<String, Object> sizes(Denoiser d, int rank) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("width", d.config().width());
        s.put("depth", d.config().depth());
        s.put("joints", d.config().joints());
        s.put("rank", rank);
        s.put("lora", d.hasLora());
        s.put("bias", d.hasBias());
        return s;
    }

    /** θ ← μ θ + (1 − μ) θ_student, in place: the teacher follows the student. */
    public void blendTowards(Denoiser student, double momentum) {
        Map<String, NDArray> s = student.adaptation();
        values.all().forEach((name, a) -> {
            try (NDArray part = Scalars.times(s.get(name), 1 - momentum)) {
                a.muli((float) momentum).addi(part);
            }
        });
    }

    /** Exchanges these values with the denoiser's; calling it twice restores both. */
    public void exchange(Denoiser d) {
        Map<String, NDArray> live = d.adaptation();
        values.all().forEach((name, a) -> {
            NDArray other = live.get(name);
            float[] mine = a.toFloatArray();
            a.set(other.toFloatArray());
            other.set(mine);
        });
    }

    /** Writes the values as safetensors with a card ({@link Checkpoint}) holding the sizes and {@code card}. */
    public void save(Path file, Map<String, ?> card) {
        Map<String, Object> c = new LinkedHashMap<>(card);
        c.put("adapter", sizes);
        Checkpoint.save(file, values, c);
    }

    /**
     * Reads an adapter written by {@link #save} and puts it into {@code d}, enabling adaptation on
     * it with the adapter's sizes.
     *
     * @throws PosettaException when the file or its card is missing or made for another denoiser
     */
    public static void load(Path file, Denoiser d) {
        Path cardFile = Checkpoint.cardPath(file);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(cardFile)) {
            throw new PosettaException("adapter " + file + " or its card " + cardFile.getFileName()
                    + " does not exist: give a file written by 'posetta lift --adapt --save-adapter'.");
        }
        Object raw = Checkpoint.readCard(cardFile).get("adapter");
        if (!(raw instanceof Map<?, ?> s)) {
            throw new PosettaException(cardFile + " is not an adapter card: give a file written by --save-adapter.");
        }
        if (!(s.get("width") instanceof Number w && s.get("depth") instanceof Number dep && s.get("rank") instanceof Number r)
                || w.intValue() != d.config().width() || dep.intValue() != d.config().depth()) {
            throw new PosettaException("adapter " + file + " was made for another model (" + s + "): adapt again with this model.");
        }
        d.enableAdaptation(r.intValue(), Boolean.TRUE.equals(s.get("lora")), Boolean.TRUE.equals(s.get("bias")), 0);
        try (Adapter read = capture(d, r.intValue())) {
            Checkpoint.load(file, read.values);
            read.exchange(d);
        }
    }

    @Override
    public void close() {
        values.close();
    }
}
