package org.posetta.video;

/**
 * BlazePose's landmarks of one person in one frame.
 *
 * @param presence   probability that a person fills the region, in [0, 1]
 * @param image      33 × (x, y) frame pixels, BlazePose-33 order
 * @param visibility 33 probabilities in [0, 1] that each landmark is visible
 * @param world      33 × (x, y, z) metres, origin at the hip centre, axes as the camera's
 *                   (x right, y down, z away from the camera), rotated back from the region
 * @param next       the region for the next frame, from the model's two auxiliary points
 */
public record PoseLandmarks(double presence, double[] image, double[] visibility, double[] world, PoseRegion next) {
    public static final int COUNT = 33;

    /** Distance from the shoulder centre to the hip centre, pixels. */
    double torsoLength() {
        double sx = (image[2 * 11] + image[2 * 12]) / 2;
        double sy = (image[2 * 11 + 1] + image[2 * 12 + 1]) / 2;
        return Math.hypot(sx - hipX(), sy - hipY());
    }

    /** Hip centre x, pixels. */
    double hipX() {
        return (image[2 * 23] + image[2 * 24]) / 2;
    }

    /** Hip centre y, pixels. */
    double hipY() {
        return (image[2 * 23 + 1] + image[2 * 24 + 1]) / 2;
    }
}
