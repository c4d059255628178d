package org.posetta.adapt.lift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.posetta.geometry.Camera;

/** Small synthetic sequences: a person swinging arms and legs, seen by a pinhole camera. */
final class Synthetic {
    private Synthetic() {
    }

    static PoseSequence walking(String name, int frames, double phase, double depth, Camera camera) {
        int j = PoseSequence.JOINTS;
        float[] positions = new float[frames * j * 3];
        float[] pixels = new float[frames * j * 2];
        float[] placed = new float[j * 3];
        float[] uv = new float[j * 2];
        for (int f = 0; f < frames; f++) {
            double a = Math.sin(phase + f * 0.6);
            float[] pose = GpaTest.standing(0.05 * a);
            pose[13 * 3 + 2] += (float) (0.3 * a); // wrists swing in depth
            pose[16 * 3 + 2] -= (float) (0.3 * a);
            pose[13 * 3 + 1] -= (float) (0.2 * a);
            pose[3 * 3 + 2] += (float) (0.25 * a); // ankles
            pose[6 * 3 + 2] -= (float) (0.25 * a);
            System.arraycopy(pose, 0, positions, f * j * 3, j * 3);
            for (int q = 0; q < j; q++) {
                placed[q * 3] = pose[q * 3] + 0.2f * (float) Math.cos(phase);
                placed[q * 3 + 1] = pose[q * 3 + 1];
                placed[q * 3 + 2] = pose[q * 3 + 2] + (float) depth;
            }
            camera.project(placed, uv);
            System.arraycopy(uv, 0, pixels, f * j * 2, j * 2);
        }
        float[] confidence = new float[frames * j];
        Arrays.fill(confidence, 1f);
        return new PoseSequence(name, "Walking", camera, 10, pixels, confidence, positions);
    }

    static List<PoseSequence> set(int n, int frames, double depth, long seed) {
        Random rnd = new Random(seed);
        List<PoseSequence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(walking("s" + i, frames, rnd.nextDouble() * 6, depth, GpaTest.PINHOLE));
        }
        return out;
    }
}
