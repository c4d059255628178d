package org.posetta.adapt.refine;

import java.util.List;
import org.posetta.pose.Motion3d;

/**
 * What {@link Refiner#refine} returns.
 *
 * @param motion  the refined sequence: every frame valid, entries that were not observed marked filled
 * @param losses  the test-time training loss of each epoch completed (empty without test-time training)
 * @param stopped why training stopped before its last epoch (a non-finite loss: the weights of
 *                the last good step were kept), or {@code null}
 * @param seconds wall time of the refinement
 */
public record Refinement(Motion3d motion, List<Double> losses, String stopped, double seconds) {
    public Refinement {
        losses = List.copyOf(losses);
    }
}
