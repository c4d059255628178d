package org.posetta.video;

/**
 * BlazePose's full landmark model ({@code pose_landmark_full.tflite}, 256 × 256 RGB in [0, 1]).
 * Output 0 holds 39 points × (x, y, z, visibility logit, presence logit) in crop pixels: the
 * 33 body landmarks and 2 auxiliary points (hip centre and a full-body scale point) from which
 * the next frame's region is built. Output 1 is the pose presence, already a probability.
 * Output 4 holds 39 × 3 world coordinates in metres, centred on the hips, in the crop's axes.
 */
final class LandmarkModel implements AutoCloseable {
    static final int INPUT = 256;
    private static final int POINTS = 39;

    private final TfliteModel model;
    private final float[] input = new float[INPUT * INPUT * 3];
    private final float[] landmarks = new float[POINTS * 5];
    private final float[] presence = new float[1];
    private final float[] world = new float[POINTS * 3];

    LandmarkModel(int threads) {
        model = new TfliteModel("pose_landmark_full.tflite", threads);
    }

    PoseLandmarks estimate(VideoFrame frame, PoseRegion region) {
        FrameSampler.sample(frame, region, INPUT, 0f, 1f, input);
        model.run(input, landmarks, presence, null, null, world);
        double[] image = new double[PoseLandmarks.COUNT * 2];
        double[] visibility = new double[PoseLandmarks.COUNT];
        double[] w = new double[PoseLandmarks.COUNT * 3];
        double cos = Math.cos(region.rotation());
        double sin = Math.sin(region.rotation());
        for (int j = 0; j < PoseLandmarks.COUNT; j++) {
            double u = landmarks[j * 5] / INPUT;
            double v = landmarks[j * 5 + 1] / INPUT;
            image[2 * j] = region.imageX(u, v);
            image[2 * j + 1] = region.imageY(u, v);
            visibility[j] = sigmoid(landmarks[j * 5 + 3]);
            double x = world[j * 3];
            double y = world[j * 3 + 1];
            w[3 * j] = x * cos - y * sin;
            w[3 * j + 1] = x * sin + y * cos;
            w[3 * j + 2] = world[j * 3 + 2];
        }
        double[] aux = new double[4];
        for (int k = 0; k < 2; k++) {
            double u = landmarks[(33 + k) * 5] / INPUT;
            double v = landmarks[(33 + k) * 5 + 1] / INPUT;
            aux[2 * k] = region.imageX(u, v);
            aux[2 * k + 1] = region.imageY(u, v);
        }
        PoseRegion next = PoseRegion.fromAlignment(aux[0], aux[1], aux[2], aux[3]);
        return new PoseLandmarks(presence[0], image, visibility, w, next);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Override
    public void close() {
        model.close();
    }
}
