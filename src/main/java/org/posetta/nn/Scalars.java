package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arithmetic between a tensor and a plain number that is safe inside a gradient collector.
 *
 * <p>DJL's {@code NDArray.mul(Number)} (and {@code div}, {@code maximum}, {@code minimum}) wraps
 * the number in a tensor backed by a Java direct buffer and closes that tensor as soon as the
 * product is computed. The engine's autograd graph keeps the number for the backward pass, so once
 * the garbage collector frees the buffer, the backward pass reads freed memory: gradients turn into
 * NaN, or the process crashes, at moments that depend on the collector. Here the number is a tensor
 * that the engine allocates and reference-counts itself, so the graph keeps it alive for as long
 * as it needs it. Every such operation in posetta goes through this class (a test checks the
 * compiled classes for direct calls).
 */
public final class Scalars {
    private Scalars() {
    }

    /** {@code x · s}. */
    public static NDArray times(NDArray x, double s) {
        return apply(x, s, NDArray::mul);
    }

    /** {@code x / s}. */
    public static NDArray dividedBy(NDArray x, double s) {
        return apply(x, s, NDArray::div);
    }

    /** {@code max(x, s)} element-wise. */
    public static NDArray atLeast(NDArray x, double s) {
        return apply(x, s, NDArray::maximum);
    }

    /** {@code min(x, s)} element-wise. */
    public static NDArray atMost(NDArray x, double s) {
        return apply(x, s, NDArray::minimum);
    }

    /**
     * Sets every element of {@code x} to 0 in place, NaN and infinities included ({@code x − x}
     * and {@code 0 · x} keep them). The storage stays the engine's: {@code NDArray.set(float[])}
     * would swap in a Java buffer that dies with {@code x}'s wrapper while a gradient still uses it.
     */
    public static void zero(NDArray x) {
        x.set(new NDIndex("..."), 0f);
    }

    /** {@code op(x, s)} with {@code s} as an engine-owned 0-d tensor, released once the graph holds it. */
    private static NDArray apply(NDArray x, double s, BinaryOperator<NDArray> op) {
        try (NDArray c = x.getManager().full(new Shape(), (float) s, x.getDataType())) {
            return op.apply(x, c);
        }
    }
}
