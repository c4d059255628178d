package org.posetta.video;

/**
 * A rotated square of a frame that holds one person, as BlazePose crops it for its landmark
 * model. A point (u, v) ∈ [0, 1]² of the crop lies at pixel
 * {@code (cx, cy) + R(rotation)·((u − ½)·size, (v − ½)·size)}, with R the rotation matrix
 * [[cos, −sin], [sin, cos]] in image axes (x right, y down).
 *
 * @param cx       centre x, pixels
 * @param cy       centre y, pixels
 * @param size     side length, pixels
 * @param rotation radians, in (−π, π]; 0 for an upright person
 */
public record PoseRegion(double cx, double cy, double size, double rotation) {
    /** MediaPipe's enlargement of the aligned box so that the whole body fits with a margin. */
    static final double SCALE = 1.25;

    /**
     * The region BlazePose derives from two alignment points: centred on {@code (x0, y0)} (hip
     * centre), side {@code 2·|p1 − p0|·1.25}, rotated so that p0 → p1 points up:
     * rotation = π/2 − atan2(−(y1 − y0), x1 − x0).
     */
    static PoseRegion fromAlignment(double x0, double y0, double x1, double y1) {
        double side = 2 * Math.hypot(x1 - x0, y1 - y0) * SCALE;
        double rotation = Math.PI / 2 - Math.atan2(-(y1 - y0), x1 - x0);
        rotation = rotation - 2 * Math.PI * Math.floor((rotation + Math.PI) / (2 * Math.PI));
        return new PoseRegion(x0, y0, side, rotation);
    }

    /** Pixel x of crop point (u, v). */
    double imageX(double u, double v) {
        return cx + (u - 0.5) * size * Math.cos(rotation) - (v - 0.5) * size * Math.sin(rotation);
    }

    /** Pixel y of crop point (u, v). */
    double imageY(double u, double v) {
        return cy + (u - 0.5) * size * Math.sin(rotation) + (v - 0.5) * size * Math.cos(rotation);
    }
}
