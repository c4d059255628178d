package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.posetta.io.AtomicOutput;
import org.posetta.pose.PosettaException;

/**
 * Network weights as a safetensors file keyed by parameter name ({@code NAME.safetensors}) next to
 * a JSON card ({@code NAME.json}: architecture and sizes, training data and command, seed, wall
 * time, the figure reached, licence). Values round-trip bit for bit. Both files are written
 * atomically, the weights first, so a card never describes weights that are not there.
 */
public final class Checkpoint {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoint() {
    }

    /** {@code NAME.json} for {@code NAME.safetensors}. */
    public static Path cardPath(Path weights) {
        String name = weights.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return weights.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /** Writes every tensor of {@code params} and the card. */
    public static void save(Path weights, Parameters params, Map<String, ?> card) {
        NDList list = new NDList();
        params.all().forEach((name, a) -> {
            a.setName(name);
            list.add(a);
        });
        AtomicOutput.write(weights, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                list.encode(out, NDList.Encoding.SAFETENSORS);
            }
        });
        AtomicOutput.write(cardPath(weights), tmp -> JSON.writeValue(tmp.toFile(), card));
    }

    /** Reads the weights of a file into {@code params}; every declared name must be present with its shape. */
    public static void load(Path weights, Parameters params) {
        try (InputStream in = Files.newInputStream(weights)) {
            load(in, weights.toString(), params);
        } catch (IOException e) {
            throw new PosettaException(weights + " cannot be read (" + e.getMessage() + "): give a checkpoint written by posetta train.", e);
        }
    }

    /** Reads weights from a stream (e.g. a resource in the jar); {@code source} names it in errors. */
    public static void load(InputStream in, String source, Parameters params) {
        byte[] file;
        try {
            // readAllBytes grows with the data that arrives; checkpoints are a few MB
            file = in.readAllBytes();
        } catch (IOException e) {
            throw new PosettaException(source + " cannot be read (" + e.getMessage() + "): give a checkpoint written by posetta train.", e);
        }
        SafetensorsHeader.check(file, source);
        try (NDManager scratch = params.manager().newSubManager()) {
            NDList list;
            try {
                list = NDList.decode(scratch, new ByteArrayInputStream(file));
            } catch (RuntimeException e) {
                throw new PosettaException(source + " is not a readable safetensors file (" + e.getMessage()
                        + "): give a checkpoint written by posetta train.", e);
            }
            Map<String, NDArray> byName = new LinkedHashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName(), a);
            }
            try {
                params.assign(byName);
            } catch (IllegalArgumentException e) {
                throw new PosettaException(source + " does not fit this network (" + e.getMessage()
                        + "): give a checkpoint of the same architecture.", e);
            }
        }
    }

    /** The card of a checkpoint. */
    public static Map<String, Object> readCard(Path card) {
        try (InputStream in = Files.newInputStream(card)) {
            return readCard(in, card.toString());
        } catch (IOException e) {
            throw new PosettaException(card + " cannot be read (" + e.getMessage() + "): give the card written with the weights.", e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> readCard(InputStream in, String source) {
        try {
            return JSON.readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new PosettaException(source + " is not a JSON model card (" + e.getMessage()
                    + "): give the card written with the weights.", e);
        }
    }

    /** Builds a model from its card and its weights; {@code source} names them in messages. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Map<String, Object> card, InputStream weights, String source);
    }

    /**
     * The model shipped in the jar as {@code resource} (safetensors) with its card next to it.
     *
     * @param what  the model in words, e.g. {@code motion denoiser}
     * @param train the command that reproduces it, e.g. {@code posetta train motion-denoiser}
     */
    public static <T> T openShipped(String resource, String what, String train, Reader<T> reader) {
        String cardResource = resource.replace(".safetensors", ".json");
        try (InputStream c = Checkpoint.class.getResourceAsStream(cardResource);
                InputStream w = Checkpoint.class.getResourceAsStream(resource)) {
            if (c == null || w == null) {
                throw new PosettaException("The shipped " + what + " " + resource + " is missing from this build: "
                        + "rebuild posetta, or train it with '" + train + "'.");
            }
            return reader.read(readCard(c, cardResource), w, "shipped " + resource);
        } catch (IOException e) {
            throw new PosettaException("The shipped " + what + " cannot be read (" + e.getMessage() + "): rebuild posetta.", e);
        }
    }

    /** Weights written by {@code train} with their card ({@code NAME.json}) next to them. */
    public static <T> T open(Path weights, String train, Reader<T> reader) {
        Path card = cardPath(weights);
        if (!Files.isRegularFile(weights) || !Files.isRegularFile(card)) {
            throw new PosettaException(weights + " or its card " + card.getFileName()
                    + " does not exist: give the weights written by " + train + ".");
        }
        try (InputStream in = Files.newInputStream(weights)) {
            return reader.read(readCard(card), in, weights.toString());
        } catch (IOException e) {
            throw new PosettaException(weights + " cannot be read (" + e.getMessage() + "): give a readable checkpoint.", e);
        }
    }
}
