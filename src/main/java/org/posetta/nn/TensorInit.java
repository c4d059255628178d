package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Parameter initialisation drawn in Java from a seeded generator, so that a seed gives the same
 * weights whatever the engine's own random state.
 */
final class TensorInit {
    private TensorInit() {
    }

    /**
     * Normal values N(0, std²) truncated at ±2 (absolute, as in ViT-style transformers, where with
     * std 0.02 the cut never bites), as a trainable array.
     */
    static NDArray truncatedNormal(NDManager manager, SplittableRandom random, double std, long... shape) {
        float[] v = new float[Math.toIntExact(new Shape(shape).size())];
        for (int i = 0; i < v.length; i++) {
            double x;
            do {
                x = std * gaussian(random);
            } while (Math.abs(x) > 2);
            v[i] = (float) x;
        }
        return trainable(manager.create(v, new Shape(shape)));
    }

    static NDArray constant(NDManager manager, float value, long... shape) {
        return trainable(manager.full(new Shape(shape), value));
    }

    private static NDArray trainable(NDArray a) {
        a.setRequiresGradient(true);
        return a;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
