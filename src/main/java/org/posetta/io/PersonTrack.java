package org.posetta.io;

import java.util.List;
import java.util.Map;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Provenance;

/**
 * One person's 2D keypoints out of per-frame detections of several people, for the detector
 * outputs that list everyone they found (OpenPose, AlphaPose, COCO results, MMPose).
 *
 * <p>A detection is a flat {@code [x, y, c]} array per joint, pixels and confidence; one with no
 * confident joint ({@code c > 0} and finite pixels) is ignored. In the first frame with anyone,
 * the person with the largest {@code Σ c × box diagonal} (the bounding box of the confident
 * joints) is chosen, i.e. large and well detected. In each later frame, the person whose box
 * overlaps the last chosen box most (IoU); if none overlaps, the one whose box centre is nearest,
 * if within one box diagonal per frame since the last match; else nobody, and every joint of
 * that frame is missing. So the choice follows a person whatever order people are listed in.
 *
 * <p>The image size, where neither the options nor the file give it, is the smallest that
 * contains every confident keypoint of every person: {@code floor(max x) + 1} by
 * {@code floor(max y) + 1}. Confidences are clamped to [0, 1].
 */
final class PersonTrack {
    private PersonTrack() {
    }

    /**
     * The followed person's keypoints.
     *
     * @param people    per frame, the detections (flat {@code [x, y, c]} of {@code layout}'s joints)
     * @param imageSize width and height from the file, or {@code null}
     * @param provenance entries to record; the choice of person is added
     */
    static Keypoints2d keypoints(List<List<double[]>> people, Layout layout, ReadOptions options, double fps, int[] imageSize,
            Map<String, Object> provenance) {
        int frames = people.size();
        int joints = layout.size();
        float[] uv = new float[frames * joints * 2];
        float[] conf = new float[frames * joints];
        double[] last = null;
        int sinceMatch = 0;
        for (int f = 0; f < frames; f++) {
            sinceMatch++;
            List<double[]> present = people.get(f).stream().filter(PersonTrack::hasConfidentJoint).toList();
            double[] chosen = last == null ? largest(present) : follow(present, last, sinceMatch);
            if (chosen == null) {
                continue;
            }
            last = box(chosen);
            sinceMatch = 0;
            for (int j = 0; j < joints; j++) {
                double x = chosen[3 * j];
                double y = chosen[3 * j + 1];
                double c = chosen[3 * j + 2];
                if (c > 0 && Double.isFinite(x) && Double.isFinite(y)) {
                    uv[(f * joints + j) * 2] = (float) x;
                    uv[(f * joints + j) * 2 + 1] = (float) y;
                    conf[f * joints + j] = (float) Math.min(1, c);
                }
            }
        }
        int[] size = options.imageSize().orElseGet(() -> imageSize != null ? imageSize : extent(people));
        provenance.put("person", "largest in the first frame, then followed by box overlap");
        return new Keypoints2d(layout, fps, size[0], size[1], uv, conf, Provenance.of(provenance));
    }

    static boolean hasConfidentJoint(double[] kp) {
        for (int j = 0; j < kp.length / 3; j++) {
            if (kp[3 * j + 2] > 0 && Double.isFinite(kp[3 * j]) && Double.isFinite(kp[3 * j + 1])) {
                return true;
            }
        }
        return false;
    }

    /** Bounding box {@code (x0, y0, x1, y1)} of the confident joints. */
    private static double[] box(double[] kp) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int j = 0; j < kp.length / 3; j++) {
            double x = kp[3 * j];
            double y = kp[3 * j + 1];
            if (kp[3 * j + 2] > 0 && Double.isFinite(x) && Double.isFinite(y)) {
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x);
                b[3] = Math.max(b[3], y);
            }
        }
        return b;
    }

    private static double diagonal(double[] b) {
        return Math.hypot(b[2] - b[0], b[3] - b[1]);
    }

    private static double[] largest(List<double[]> people) {
        double[] best = null;
        double bestScore = -1;
        for (double[] kp : people) {
            double sum = 0;
            for (int j = 0; j < kp.length / 3; j++) {
                sum += Math.max(0, Math.min(1, kp[3 * j + 2]));
            }
            double score = sum * diagonal(box(kp));
            if (score > bestScore) {
                bestScore = score;
                best = kp;
            }
        }
        return best;
    }

    private static double[] follow(List<double[]> people, double[] last, int framesSince) {
        double[] best = null;
        double bestIou = 0;
        double[] nearest = null;
        double nearestDistance = Double.POSITIVE_INFINITY;
        for (double[] kp : people) {
            double[] b = box(kp);
            double iou = iou(b, last);
            if (iou > bestIou) {
                bestIou = iou;
                best = kp;
            }
            double d = Math.hypot((b[0] + b[2] - last[0] - last[2]) / 2, (b[1] + b[3] - last[1] - last[3]) / 2);
            if (d < nearestDistance) {
                nearestDistance = d;
                nearest = kp;
            }
        }
        if (best != null) {
            return best;
        }
        return nearestDistance <= Math.max(diagonal(last), 1) * framesSince ? nearest : null;
    }

    private static double iou(double[] a, double[] b) {
        double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }

    private static int[] extent(List<List<double[]>> people) {
        double maxX = 0;
        double maxY = 0;
        for (List<double[]> frame : people) {
            for (double[] kp : frame) {
                double[] b = box(kp);
                maxX = Math.max(maxX, b[2]);
                maxY = Math.max(maxY, b[3]);
            }
        }
        // beyond any camera's image; past 2^31 the int size would wrap negative
        double limit = 1 << 20;
        if (maxX >= limit || maxY >= limit) {
            throw new IllegalArgumentException("a keypoint lies at (" + maxX + ", " + maxY + ") pixels, outside any image");
        }
        return new int[] {(int) Math.floor(maxX) + 1, (int) Math.floor(maxY) + 1};
    }
}
