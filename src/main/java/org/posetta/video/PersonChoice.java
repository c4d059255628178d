package org.posetta.video;

import java.util.List;
import org.posetta.pose.PosettaException;

/**
 * Which person to follow when several are detected before a track exists: the largest box, or
 * the one nearest a given pixel. Once a person is followed, re-detection picks whoever is nearest
 * the last place they were seen, so the choice stays consistent through the video.
 *
 * @param x pixel x to be nearest to, or NaN for "largest"
 * @param y pixel y to be nearest to, or NaN for "largest"
 */
public record PersonChoice(double x, double y) {
    public static final PersonChoice LARGEST = new PersonChoice(Double.NaN, Double.NaN);

    /** Parses {@code largest} or {@code X,Y} (pixels). */
    public static PersonChoice parse(String text) {
        if (text.equalsIgnoreCase("largest")) {
            return LARGEST;
        }
        String[] parts = text.split(",");
        try {
            if (parts.length == 2) {
                return new PersonChoice(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PosettaException("Cannot read the person choice '" + text
                + "': give 'largest' or a pixel X,Y near the person to follow, e.g. 120,80.");
    }

    boolean isLargest() {
        return Double.isNaN(x);
    }

    /** The detection this choice picks first, or {@code null} when there is none. */
    PersonDetection pick(List<PersonDetection> detections) {
        PersonDetection best = null;
        double bestKey = Double.POSITIVE_INFINITY;
        for (PersonDetection d : detections) {
            double key = isLargest() ? -d.region().size()
                    : Math.hypot(d.keypoints()[0] - x, d.keypoints()[1] - y);
            if (key < bestKey) {
                bestKey = key;
                best = d;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return isLargest() ? "largest" : x + "," + y;
    }
}
