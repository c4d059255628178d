package org.posetta.adapt.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text side of the motion-text space: the frozen sentence encoder all-MiniLM-L6-v2
 * (Reimers and Gurevych, sentence-transformers; 6 BERT layers, hidden 384), in its quantised ONNX
 * export, run offline by ONNX Runtime from the weights inside the langchain4j model jar. A
 * sentence's vector is the attention-masked mean of its token states, L2-normalised:
 * {@code t = m / ‖m‖₂} with {@code m = Σᵢ aᵢ hᵢ / Σᵢ aᵢ}, 384-d.
 *
 * <p>Never trained here: the motion encoder learns to meet these vectors. Vectors are cached per
 * sentence, since a label set is embedded again and again during training and adaptation.
 */
public final class TextEncoder {
    /** Length of a sentence vector. */
    public static final int DIMENSION = 384;

    private static volatile TextEncoder shared;

    private final EmbeddingModel model;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    private TextEncoder(EmbeddingModel model) {
        this.model = model;
    }

    /**
     * The one encoder of this JVM, loaded on first use (about 2 s: 23 MB of ONNX weights).
     * Thread-safe.
     */
    public static TextEncoder shared() {
        TextEncoder e = shared;
        if (e == null) {
            synchronized (TextEncoder.class) {
                e = shared;
                if (e == null) {
                    // The caller's thread runs the model: no pool of the library's own on a shared machine.
                    e = new TextEncoder(new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run));
                    shared = e;
                }
            }
        }
        return e;
    }

    /**
     * The unit vector of {@code sentence} ({@link #DIMENSION} values, ‖t‖₂ = 1). The same sentence
     * gives the same values every time; the returned array is the caller's own copy. Thread-safe.
     */
    public float[] embed(String sentence) {
        if (sentence == null) {
            throw new IllegalArgumentException("sentence is null");
        }
        return cache.computeIfAbsent(sentence, this::compute).clone();
    }

    /** {@code cos(a, b) = a·b / (‖a‖₂ ‖b‖₂)}, in double precision; 0 when either vector is zero. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of lengths " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private float[] compute(String sentence) {
        float[] v = model.embed(sentence).content().vector();
        if (v.length != DIMENSION) {
            throw new IllegalStateException("the sentence encoder gave " + v.length + " values, not " + DIMENSION);
        }
        // The library normalises in float; normalising again in double makes ‖t‖₂ = 1 to float precision.
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        float[] t = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            t[i] = (float) (v[i] / norm);
        }
        return t;
    }
}
