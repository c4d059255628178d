package org.posetta.nn;

import ai.djl.ndarray.NDArray;

/**
 * A piece of network: declares its tensors in a {@link Parameters} store when built and maps an
 * input to an output. The output lands in the input's manager, so per-step scopes own it.
 */
public interface Layer {
    /**
     * @param training true while training (dropout active), false for inference
     */
    NDArray forward(NDArray x, boolean training);
}
