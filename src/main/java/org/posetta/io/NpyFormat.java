package org.posetta.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * A bare NumPy array: numeric (T, J, 3) is 3D in metres, taken to be in the camera frame (what
 * lifters output); (T, J, 2) is 2D in pixels. The file holds nothing else, so layout,
 * frame rate and image size follow {@link PoseArrays} and {@link ReadOptions}. Non-finite
 * entries are missing.
 *
 * <p>Writing stores one sequence as float32, with NaN for invalid or missing entries; confidences
 * other than 0 and 1 and the provenance are not kept (use {@code npz} for that).
 */
public final class NpyFormat implements PoseFormat {
    @Override
    public String id() {
        return "npy";
    }

    @Override
    public String description() {
        return "bare NumPy .npy array, (T, J, 3) metres or (T, J, 2) pixels";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        return Npy.hasMagic(head);
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) {
        NdArray a = Npy.read(path, options);
        String what = path.toString();
        String file = path.getFileName().toString();
        String name = file.toLowerCase(Locale.ROOT).endsWith(".npy") ? file.substring(0, file.length() - 4) : file;
        if (a.rank() != 3 || (a.dim(2) != 2 && a.dim(2) != 3) || !isNumber(a)) {
            throw new PosettaException(path + " holds a " + a.dtype() + " array of shape " + a.shapeString()
                    + ": posetta reads numeric (frames, joints, 3) 3D or (frames, joints, 2) 2D arrays.");
        }
        Provenance provenance = Provenance.of(Map.of("source", what));
        double fps = PoseArrays.fps(options, null, what);
        if (a.dim(2) == 3) {
            return PoseFile.of(id(), name, PoseArrays.motion(a, options, null, fps, CoordinateFrame.CAMERA, provenance, what));
        }
        return PoseFile.of(id(), name, PoseArrays.keypoints(a, options, null, fps, null, provenance, what));
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public void write(PoseFile data, Path out) throws IOException {
        int n = data.motions().size() + data.keypoints().size();
        if (n != 1) {
            throw new PosettaException("An .npy file holds one sequence but the data has " + n
                    + ": write npz or json, or choose one sequence.");
        }
        if (!data.motions().isEmpty()) {
            Motion3d m = data.motions().values().iterator().next();
            float[] xyz = m.positions();
            boolean[] valid = m.validity();
            for (int i = 0; i < valid.length; i++) {
                if (!valid[i]) {
                    xyz[i * 3] = xyz[i * 3 + 1] = xyz[i * 3 + 2] = Float.NaN;
                }
            }
            Npy.write(out, NdArray.of(xyz, m.frames(), m.joints(), 3));
        } else {
            Keypoints2d k = data.keypoints().values().iterator().next();
            float[] uv = k.pixels();
            float[] c = k.confidences();
            for (int i = 0; i < c.length; i++) {
                if (c[i] <= 0) {
                    uv[i * 2] = uv[i * 2 + 1] = Float.NaN;
                }
            }
            Npy.write(out, NdArray.of(uv, k.frames(), k.joints(), 2));
        }
    }

    private static boolean isNumber(NdArray a) {
        return switch (a.dtype()) {
            case BOOL, UNICODE, BYTES, OBJECT -> false;
            default -> true;
        };
    }
}
