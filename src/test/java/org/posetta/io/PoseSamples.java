package org.posetta.io;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.Provenance;

/** Small sequences with awkward values (tiny, negative, invalid entries) for format round trips. */
final class PoseSamples {
    private PoseSamples() {
    }

    static Provenance provenance() {
        return Provenance.of(Map.of("source", "clip.mp4", "seed", 7, "scale", 0.25, "ok", true))
                .withStep(Map.of("command", "refine", "model", "stride-small"))
                .with("cameras", List.of("a", "b"));
    }

    static Motion3d motion(Layout layout, int frames, long seed) {
        Random rnd = new Random(seed);
        float[] xyz = new float[frames * layout.size() * 3];
        boolean[] valid = new boolean[frames * layout.size()];
        for (int i = 0; i < valid.length; i++) {
            valid[i] = rnd.nextInt(7) != 0;
        }
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) (rnd.nextGaussian() * (i % 5 == 0 ? 1e-6 : 3));
        }
        return new Motion3d(layout, 29.97, CoordinateFrame.WORLD, xyz, valid, provenance());
    }

    static Keypoints2d keypoints(Layout layout, int frames, long seed) {
        Random rnd = new Random(seed);
        float[] uv = new float[frames * layout.size() * 2];
        float[] conf = new float[frames * layout.size()];
        for (int i = 0; i < conf.length; i++) {
            conf[i] = i % 6 == 0 ? 0f : i % 6 == 1 ? 1f : rnd.nextFloat();
        }
        for (int i = 0; i < uv.length; i++) {
            uv[i] = (float) (rnd.nextDouble() * 1900 - 10);
        }
        return new Keypoints2d(layout, 25, 1920, 1080, uv, conf, provenance());
    }
}
