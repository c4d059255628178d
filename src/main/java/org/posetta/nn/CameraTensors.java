package org.posetta.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.posetta.geometry.Camera;

/**
 * {@link Camera#project} on tensors, differentiable, one camera per sample, straight into
 * screen-normalised units ({@link Camera#normalise}), so that a predicted pose can be compared
 * with the 2D it was lifted from. Human3.6M's distortion is applied as in {@link Camera}.
 */
public final class CameraTensors {
    /** Depths are kept at least this far in front of the camera (metres) so that a bad pose cannot divide by zero. */
    private static final float MIN_DEPTH = 0.1f;

    private CameraTensors() {
    }

    /**
     * @param points [B, F, J, 3] camera-frame metres
     * @return [B, F, J, 2] screen-normalised
     */
    public static NDArray project(NDArray points, List<Camera> cameras) {
        int b = cameras.size();
        float[][] k = new float[9][b];
        for (int i = 0; i < b; i++) {
            Camera c = cameras.get(i);
            double s = 2.0 / c.width();
            k[0][i] = (float) (c.focal()[0] * s);
            k[1][i] = (float) (c.focal()[1] * s);
            k[2][i] = (float) (c.principalPoint()[0] * s - 1);
            k[3][i] = (float) (c.principalPoint()[1] * s - (double) c.height() / c.width());
            for (int r = 0; r < 3; r++) {
                k[4 + r][i] = (float) c.radialDistortion()[r];
            }
            k[7][i] = (float) c.tangentialDistortion()[0];
            k[8][i] = (float) c.tangentialDistortion()[1];
        }
        NDManager m = points.getManager();
        NDArray[] p = new NDArray[9];
        for (int q = 0; q < 9; q++) {
            p[q] = m.create(k[q], new Shape(b, 1, 1));
        }
        NDArray z = Scalars.atLeast(points.get("..., 2"), MIN_DEPTH);
        NDArray x = points.get("..., 0").div(z);
        NDArray y = points.get("..., 1").div(z);
        NDArray r2 = x.square().add(y.square());
        NDArray radial = r2.mul(p[6]).add(p[5]).mul(r2).add(p[4]).mul(r2).add(1);
        NDArray tan = y.mul(p[7]).add(x.mul(p[8]));
        NDArray xd = x.mul(radial.add(tan)).add(r2.mul(p[8]));
        NDArray yd = y.mul(radial.add(tan)).add(r2.mul(p[7]));
        NDArray u = xd.mul(p[0]).add(p[2]);
        NDArray v = yd.mul(p[1]).add(p[3]);
        return u.expandDims(-1).concat(v.expandDims(-1), -1);
    }
}
