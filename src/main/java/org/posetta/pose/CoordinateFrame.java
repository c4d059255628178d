package org.posetta.pose;

import java.util.Locale;

/** The frame 3D joint positions are expressed in. */
public enum CoordinateFrame {
    /** A dataset's world or mocap frame (axes as the source defines them). */
    WORLD,
    /** A camera frame: x right, y down, z forward (depth), metres. */
    CAMERA;

    /** Parses the name written in files ({@code world} or {@code camera}). */
    public static CoordinateFrame parse(String name) {
        for (CoordinateFrame f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new PosettaException("Unknown coordinate frame '" + name + "': use world or camera.");
    }

    /** The lower-case name written in files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
