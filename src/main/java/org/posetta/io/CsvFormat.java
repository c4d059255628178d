package org.posetta.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * A CSV export of one sequence for spreadsheets and plotting (write-only):
 * <pre>
 * # posetta {"source": ...}
 * frame,time_s,pelvis_x,pelvis_y,pelvis_z,right_hip_x,...
 * 0,0.0,0.012,-0.204,4.31,...
 * </pre>
 * The first line is a comment with the provenance as JSON (read with {@code comment='#'} in
 * pandas); then one row per frame: the frame index, its time in seconds ({@code frame / fps}),
 * and per joint its x, y (and z for 3D) in metres or pixels. A cell is empty where the joint is
 * invalid or missing; 2D confidences are not written otherwise.
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
                header(w, m.provenance(), m.layout(), 3);
                for (int t = 0; t < m.frames(); t++) {
                    w.write(t + "," + t / m.fps());
                    for (int j = 0; j < m.joints(); j++) {
                        boolean ok = m.isValid(t, j);
                        for (int c = 0; c < 3; c++) {
                            w.write(ok ? "," + m.get(t, j, c) : ",");
                        }
                    }
                    w.write('\n');
                }
            } else {
                Keypoints2d k = data.keypoints().values().iterator().next();
                header(w, k.provenance(), k.layout(), 2);
                for (int t = 0; t < k.frames(); t++) {
                    w.write(t + "," + t / k.fps());
                    for (int j = 0; j < k.joints(); j++) {
                        boolean ok = k.isValid(t, j);
                        for (int c = 0; c < 2; c++) {
                            w.write(ok ? "," + k.get(t, j, c) : ",");
                        }
                    }
                    w.write('\n');
                }
            }
        }
    }

    private static void header(Writer w, Provenance provenance, Layout layout, int dims) throws IOException {
        w.write("# posetta " + JSON.writeValueAsString(provenance.asMap()) + "\n");
        w.write("frame,time_s");
        String[] axes = {"_x", "_y", "_z"};
        for (String joint : layout.joints()) {
            for (int c = 0; c < dims; c++) {
                w.write("," + joint + axes[c]);
            }
        }
        w.write('\n');
    }
}
