package org.posetta.video;

/**
 * One person found by BlazePose's detector, in frame pixels.
 *
 * @param score     detection confidence in [0, 1]
 * @param x0        box left
 * @param y0        box top
 * @param x1        box right
 * @param y1        box bottom
 * @param keypoints 4 × (x, y): hip centre, full-body size/rotation point, shoulder centre,
 *                  upper-body size/rotation point
 */
public record PersonDetection(double score, double x0, double y0, double x1, double y1, double[] keypoints) {
    /** The landmark model's region for this person: aligned on the hip centre and the full-body point. */
    public PoseRegion region() {
        return PoseRegion.fromAlignment(keypoints[0], keypoints[1], keypoints[2], keypoints[3]);
    }

    /** Intersection over union of the two boxes. */
    double iou(PersonDetection o) {
        double iw = Math.min(x1, o.x1) - Math.max(x0, o.x0);
        double ih = Math.min(y1, o.y1) - Math.max(y0, o.y0);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / ((x1 - x0) * (y1 - y0) + (o.x1 - o.x0) * (o.y1 - o.y0) - inter);
    }
}
