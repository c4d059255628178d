package org.posetta.video;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * BlazePose's person detector ({@code pose_detection.tflite}, 224 × 224 RGB in [−1, 1]). The
 * frame is letterboxed into the square input; each of 2254 SSD anchors predicts a box and four
 * alignment keypoints as offsets scaled by 224, and a score logit. Scores are
 * {@code sigmoid(clip(logit, ±100))}; boxes above {@link #MIN_SCORE} are merged by weighted
 * non-maximum suppression at IoU 0.3 (MediaPipe's {@code pose_detection_cpu} settings).
 *
 * <p>A person filling less than about a fifth of the frame height is often missed on the whole
 * frame, so the frame is also searched in overlapping squares of its short side.
 */
final class PersonDetector implements AutoCloseable {
    static final int INPUT = 224;
    static final double MIN_SCORE = 0.5;
    private static final double NMS_IOU = 0.3;
    private static final int ANCHORS = 2254;
    private static final int COORDS = 12;

    private final TfliteModel model;
    private final float[] anchors = anchors();
    private final float[] input = new float[INPUT * INPUT * 3];
    private final float[] boxes = new float[ANCHORS * COORDS];
    private final float[] logits = new float[ANCHORS];

    PersonDetector(int threads) {
        model = new TfliteModel("pose_detection.tflite", threads);
    }

    /**
     * SSD anchor centres (x, y) in [0, 1]: 5 layers with strides 8, 16, 32, 32, 32; layers of
     * equal stride share one grid, each layer placing 2 anchors per cell (aspect ratio 1 plus the
     * interpolated scale). With fixed anchor size only the centres matter.
     */
    static float[] anchors() {
        int[][] grids = {{8, 2}, {16, 2}, {32, 6}};
        float[] a = new float[ANCHORS * 2];
        int k = 0;
        for (int[] g : grids) {
            int cells = (int) Math.ceil((double) INPUT / g[0]);
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int n = 0; n < g[1]; n++) {
                        a[k++] = (x + 0.5f) / cells;
                        a[k++] = (y + 0.5f) / cells;
                    }
                }
            }
        }
        return a;
    }

    /** People in the frame, best score first. */
    List<PersonDetection> detect(VideoFrame frame) {
        List<PersonDetection> raw = new ArrayList<>();
        int w = frame.width();
        int h = frame.height();
        int longSide = Math.max(w, h);
        int shortSide = Math.min(w, h);
        raw.addAll(detectIn(frame, new PoseRegion(w / 2.0, h / 2.0, longSide, 0)));
        if (longSide > shortSide * 1.2) {
            int tiles = (int) Math.ceil((double) longSide / shortSide) + 1;
            for (int t = 0; t < tiles; t++) {
                double c = shortSide / 2.0 + t * (longSide - shortSide) / (double) (tiles - 1);
                PoseRegion square = w >= h ? new PoseRegion(c, h / 2.0, shortSide, 0) : new PoseRegion(w / 2.0, c, shortSide, 0);
                raw.addAll(detectIn(frame, square));
            }
        }
        return weightedNms(raw);
    }

    /** Raw detections above the score threshold in one axis-aligned square of the frame. */
    private List<PersonDetection> detectIn(VideoFrame frame, PoseRegion square) {
        FrameSampler.sample(frame, square, INPUT, -1f, 1f, input);
        model.run(input, boxes, logits);
        double left = square.cx() - square.size() / 2;
        double top = square.cy() - square.size() / 2;
        double s = square.size() / INPUT;
        List<PersonDetection> out = new ArrayList<>();
        for (int i = 0; i < ANCHORS; i++) {
            double logit = Math.max(-100, Math.min(100, logits[i]));
            double score = 1 / (1 + Math.exp(-logit));
            if (score < MIN_SCORE) {
                continue;
            }
            // offsets are in input pixels relative to the anchor centre
            double ax = anchors[2 * i] * INPUT;
            double ay = anchors[2 * i + 1] * INPUT;
            int b = i * COORDS;
            double cx = left + (ax + boxes[b]) * s;
            double cy = top + (ay + boxes[b + 1]) * s;
            double bw = boxes[b + 2] * s;
            double bh = boxes[b + 3] * s;
            double[] kp = new double[8];
            for (int k = 0; k < 4; k++) {
                kp[2 * k] = left + (ax + boxes[b + 4 + 2 * k]) * s;
                kp[2 * k + 1] = top + (ay + boxes[b + 5 + 2 * k]) * s;
            }
            out.add(new PersonDetection(score, cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2, kp));
        }
        return out;
    }

    /**
     * Weighted non-maximum suppression: the best remaining detection absorbs every other with
     * IoU above 0.3; box and keypoints become the score-weighted mean of the group, the score
     * stays the best.
     */
    static List<PersonDetection> weightedNms(List<PersonDetection> detections) {
        List<PersonDetection> rest = new ArrayList<>(detections);
        rest.sort(Comparator.comparingDouble(PersonDetection::score).reversed());
        List<PersonDetection> kept = new ArrayList<>();
        while (!rest.isEmpty()) {
            PersonDetection best = rest.get(0);
            double total = 0;
            double[] box = new double[4];
            double[] kp = new double[8];
            List<PersonDetection> group = new ArrayList<>();
            for (PersonDetection d : rest) {
                if (d == best || best.iou(d) > NMS_IOU) {
                    group.add(d);
                    total += d.score();
                    box[0] += d.score() * d.x0();
                    box[1] += d.score() * d.y0();
                    box[2] += d.score() * d.x1();
                    box[3] += d.score() * d.y1();
                    for (int k = 0; k < 8; k++) {
                        kp[k] += d.score() * d.keypoints()[k];
                    }
                }
            }
            rest.removeAll(group);
            for (int k = 0; k < 8; k++) {
                kp[k] /= total;
            }
            kept.add(new PersonDetection(best.score(), box[0] / total, box[1] / total, box[2] / total, box[3] / total, kp));
        }
        return kept;
    }

    @Override
    public void close() {
        model.close();
    }
}
