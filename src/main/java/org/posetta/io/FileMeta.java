package org.posetta.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;

/**
 * What every written file states about a sequence, so that it can be read without posetta: the
 * coordinate frame and its axes, the units, the joint layout and order, the frame rate, and the
 * provenance. JSON writes it as each sequence's {@code meta}, npz as the {@code meta} entry, CSV
 * as its first line, and {@code posetta info} prints it back.
 *
 * <p>Axes: a camera frame is {@code x right, y down, z forward (depth)}; a world frame keeps
 * its source's axes, and the up axis found from the mean pelvis→thorax direction
 * ({@link Upright}) is stated; image keypoints are {@code u right, v down} in pixels from the
 * top-left corner.
 */
public final class FileMeta {
    static final String CAMERA_AXES = "x right, y down, z forward (depth)";
    static final String IMAGE_AXES = "u right, v down, pixels from the top-left image corner";

    private FileMeta() {
    }

    /** The description of a 3D sequence, as written into its files. */
    public static Map<String, Object> of(Motion3d m) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("kind", "3d");
        meta.put("coordinate_frame", m.coordinateFrame().id());
        meta.put("axes", m.coordinateFrame() == CoordinateFrame.CAMERA ? CAMERA_AXES
                : "the source's world axes, " + Upright.upAxis(m) + " up");
        meta.put("units", "metres");
        meta.put("layout", m.layout().id());
        meta.put("joints", m.layout().joints());
        meta.put("fps", m.fps());
        meta.put("frames", m.frames());
        meta.put("invalid_entries", m.invalidCount());
        meta.put("filled_entries", m.filledCount());
        meta.put("uncertainty", m.hasUncertainty() ? "per joint and frame, metres" : "none");
        meta.put("provenance", m.provenance().asMap());
        return meta;
    }

    /** The description of a 2D sequence, as written into its files. */
    public static Map<String, Object> of(Keypoints2d k) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("kind", "2d");
        meta.put("coordinate_frame", "image");
        meta.put("axes", IMAGE_AXES);
        meta.put("units", "pixels");
        meta.put("image_size", List.of(k.width(), k.height()));
        meta.put("layout", k.layout().id());
        meta.put("joints", k.layout().joints());
        meta.put("fps", k.fps());
        meta.put("frames", k.frames());
        meta.put("missing_entries", k.invalidCount());
        meta.put("provenance", k.provenance().asMap());
        return meta;
    }
}
