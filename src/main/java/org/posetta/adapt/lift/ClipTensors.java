package org.posetta.adapt.lift;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.posetta.pose.Layout;

/**
 * Moving clips between Java arrays and the denoiser's tensors, and the horizontal mirror the
 * lifter averages over. 2D goes in screen-normalised, a missing joint as (0, 0), the image centre.
 */
final class ClipTensors {
    private static final int[] FLIP = Layout.H36M17.flipPermutation();

    private ClipTensors() {
    }

    /** [N·repeat, F, J, 2]: each clip's normalised 2D, repeated {@code repeat} times in a row. */
    static NDArray inputs(NDManager m, List<PoseSequence.Clip> clips, int repeat) {
        int f = clips.get(0).length();
        int j = PoseSequence.JOINTS;
        float[] out = new float[clips.size() * repeat * f * j * 2];
        int o = 0;
        for (PoseSequence.Clip c : clips) {
            float[] n = c.normalised();
            float[] conf = c.confidence();
            for (int q = 0; q < conf.length; q++) {
                if (conf[q] <= 0) {
                    n[q * 2] = 0;
                    n[q * 2 + 1] = 0;
                }
            }
            for (int r = 0; r < repeat; r++) {
                System.arraycopy(n, 0, out, o, n.length);
                o += n.length;
            }
        }
        return m.create(out, new Shape(clips.size() * repeat, f, j, 2));
    }

    /** [N, F, J, 3] ground-truth root-relative 3D of the clips. */
    static NDArray targets(NDManager m, List<PoseSequence.Clip> clips) {
        int f = clips.get(0).length();
        int j = PoseSequence.JOINTS;
        float[] out = new float[clips.size() * f * j * 3];
        for (int i = 0; i < clips.size(); i++) {
            System.arraycopy(clips.get(i).positions(), 0, out, i * f * j * 3, f * j * 3);
        }
        return m.create(out, new Shape(clips.size(), f, j, 3));
    }

    /**
     * The mirror image of [B, F, J, C] coordinates (2D or 3D): x negated, left and right joints
     * swapped; its own inverse. Differentiable.
     */
    static NDArray mirror(NDArray x) {
        Shape s = x.getShape();
        int j = (int) s.get(2);
        int c = (int) s.get(3);
        float[] perm = new float[j * j];
        for (int q = 0; q < j; q++) {
            perm[FLIP[q] * j + q] = 1;
        }
        float[] sign = new float[c];
        Arrays.fill(sign, 1f);
        sign[0] = -1;
        NDManager m = x.getManager();
        NDArray p = m.create(perm, new Shape(j, j));
        NDArray swapped = x.transpose(0, 1, 3, 2).matMul(p).transpose(0, 1, 3, 2);
        return swapped.mul(m.create(sign, new Shape(c)));
    }
}
