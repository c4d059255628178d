package org.posetta.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * A CSV export of one sequence for spreadsheets and plotting (write-only):
 * <pre>
 * # posetta {"kind": "3d", "coordinate_frame": "camera", "axes": ..., "units": "metres", ...}
 * frame,time_s,pelvis_x,pelvis_y,pelvis_z,pelvis_valid,pelvis_filled,right_hip_x,...
 * 0,0.0,0.012,-0.204,4.31,1,0,...
 * </pre>
 * The first line is a comment with the sequence's description ({@link FileMeta}: coordinate
 * frame and axes, units, layout and joint order, fps, provenance) as JSON (skip it with
 * {@code comment='#'} in pandas); then one row per frame: the frame index, its time in seconds
 * ({@code frame / fps}), and per joint its x, y (and z for 3D) in metres or pixels, where the
 * coordinates are empty for an invalid or missing joint. 3D adds {@code valid} and
 * {@code filled} (1 or 0) and, when the sequence has one, {@code uncertainty} in metres; 2D adds
 * the {@code confidence} (0 where missing).
 */
public final class CsvFormat implements PoseFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "csv";
    }

    @Override
    public String description() {
        return "CSV export of one sequence, one row per frame (write-only)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        return false;
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) {
        throw new PosettaException("posetta writes CSV but does not read it: give the npz or json that the CSV was exported from.");
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public void write(PoseFile data, Path out) throws IOException {
        int n = data.motions().size() + data.keypoints().size();
        if (n != 1) {
            throw new PosettaException("A CSV file holds one sequence but the data has " + n + ": write npz or json, or choose one sequence.");
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            if (!data.motions().isEmpty()) {
                Motion3d m = data.motions().values().iterator().next();
                boolean spread = m.hasUncertainty();
                header(w, FileMeta.of(m), m.layout(), spread ? List.of("x", "y", "z", "valid", "filled", "uncertainty")
                        : List.of("x", "y", "z", "valid", "filled"));
                for (int t = 0; t < m.frames(); t++) {
                    w.write(t + "," + t / m.fps());
                    for (int j = 0; j < m.joints(); j++) {
                        boolean ok = m.isValid(t, j);
                        for (int c = 0; c < 3; c++) {
                            w.write(ok ? "," + m.get(t, j, c) : ",");
                        }
                        w.write(ok ? ",1" : ",0");
                        w.write(m.isFilled(t, j) ? ",1" : ",0");
                        if (spread) {
                            w.write(ok ? "," + m.uncertainty(t, j) : ",");
                        }
                    }
                    w.write('\n');
                }
            } else {
                Keypoints2d k = data.keypoints().values().iterator().next();
                header(w, FileMeta.of(k), k.layout(), List.of("x", "y", "confidence"));
                for (int t = 0; t < k.frames(); t++) {
                    w.write(t + "," + t / k.fps());
                    for (int j = 0; j < k.joints(); j++) {
                        boolean ok = k.isValid(t, j);
                        for (int c = 0; c < 2; c++) {
                            w.write(ok ? "," + k.get(t, j, c) : ",");
                        }
                        w.write("," + k.confidence(t, j));
                    }
                    w.write('\n');
                }
            }
        }
    }

    private static void header(Writer w, Map<String, Object> meta, Layout layout, List<String> columns) throws IOException {
        w.write("# posetta " + JSON.writeValueAsString(meta) + "\n");
        w.write("frame,time_s");
        for (String joint : layout.joints()) {
            for (String c : columns) {
                w.write("," + joint + "_" + c);
            }
        }
        w.write('\n');
    }
}
