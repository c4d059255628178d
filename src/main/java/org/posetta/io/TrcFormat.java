package org.posetta.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.posetta.geometry.RotationMatrix;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * OpenSim's marker trajectory file (TRC), tab-separated:
 * <pre>
 * PathFileType  4  (X/Y/Z)  NAME.trc
 * DataRate  CameraRate  NumFrames  NumMarkers  Units  OrigDataRate  OrigDataStartFrame  OrigNumFrames
 * 50  50  T  J  mm  50  1  T
 * Frame#  Time  pelvis  ""  ""  right_hip  ""  ""  ...
 * ""  ""  X1  Y1  Z1  X2  Y2  Z2  ...
 * (blank line)
 * 1  0  x  y  z  ...
 * </pre>
 * One marker per joint, named and ordered as the layout's joints; frames numbered from 1 with
 * time {@code (frame − 1) / rate} seconds; an invalid joint is three empty cells. Coordinates are
 * turned Y-up as OpenSim expects ({@link Upright}) and written in millimetres (or metres).
 *
 * <p>Reading takes the layout from the marker names (every joint of one known layout must be
 * there), the rate from DataRate and the unit from Units ({@code mm}, {@code cm} or {@code m});
 * an empty cell is an invalid joint. The result is in the file's axes ({@code world}).
 */
public final class TrcFormat implements PoseFormat {
    private static final List<String> HEADER = List.of("DataRate", "CameraRate", "NumFrames", "NumMarkers", "Units",
            "OrigDataRate", "OrigDataStartFrame", "OrigNumFrames");

    @Override
    public String id() {
        return "trc";
    }

    @Override
    public String description() {
        return "OpenSim marker trajectories (3D, Y up, mm or m)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".trc")
                || new String(head, StandardCharsets.ISO_8859_1).startsWith("PathFileType");
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            String first = in.readLine();
            String names = in.readLine();
            String values = in.readLine();
            String markers = in.readLine();
            in.readLine();
            if (first == null || !first.startsWith("PathFileType") || names == null || values == null || markers == null
                    || !List.of(names.split("\t")).containsAll(HEADER)) {
                throw new PosettaException(path + " does not start with the five TRC header rows (PathFileType, the"
                        + " DataRate... names and values, the marker names, the X1 Y1 Z1 row): export it again as TRC.");
            }
            List<String> keys = List.of(names.split("\t"));
            String[] cells = values.split("\t");
            if (cells.length < keys.size()) {
                throw new PosettaException(path + " has " + cells.length + " values under its " + keys.size()
                        + " header names (DataRate, Units, ...): export it again as TRC.");
            }
            double rate = number(path, cells[keys.indexOf("DataRate")], "DataRate");
            String unit = cells[keys.indexOf("Units")].strip();
            double scale = switch (unit) {
                case "mm" -> 0.001;
                case "cm" -> 0.01;
                case "m" -> 1;
                default -> throw new PosettaException(path + " has Units '" + unit + "': posetta reads mm, cm or m.");
            };
            String[] row = markers.split("\t");
            List<String> joints = new ArrayList<>();
            for (int k = 2; k < row.length; k += 3) {
                joints.add(row[k].strip());
            }
            Layout layout = options.layout().orElseGet(() -> Layout.all().stream().filter(l -> joints.containsAll(l.joints()))
                    .findFirst().orElseThrow(() -> new PosettaException(path + " has markers " + String.join(", ", joints)
                            + ", which include the joints of no known layout: name them as a layout's joints, e.g. "
                            + String.join(", ", Layout.H36M17.joints()) + ".")));
            int[] column = new int[layout.size()];
            for (int j = 0; j < column.length; j++) {
                column[j] = joints.indexOf(layout.joint(j));
                if (column[j] < 0) {
                    throw new PosettaException(path + " has no marker " + layout.joint(j) + " of layout " + layout.id()
                            + ": give the layout its markers match.");
                }
            }
            List<float[]> xyz = new ArrayList<>();
            List<boolean[]> valid = new ArrayList<>();
            String line;
            int lineNumber = 5;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                float[] f = new float[layout.size() * 3];
                boolean[] v = new boolean[layout.size()];
                for (int j = 0; j < v.length; j++) {
                    int at = 2 + 3 * column[j];
                    v[j] = at + 2 < c.length && !c[at].isBlank() && !c[at + 1].isBlank() && !c[at + 2].isBlank();
                    for (int k = 0; k < 3 && v[j]; k++) {
                        f[3 * j + k] = (float) (number(path, c[at + k], "line " + lineNumber) * scale);
                    }
                }
                xyz.add(f);
                valid.add(v);
            }
            float[] all = new float[xyz.size() * layout.size() * 3];
            boolean[] allValid = new boolean[xyz.size() * layout.size()];
            for (int t = 0; t < xyz.size(); t++) {
                System.arraycopy(xyz.get(t), 0, all, t * layout.size() * 3, layout.size() * 3);
                System.arraycopy(valid.get(t), 0, allValid, t * layout.size(), layout.size());
            }
            Provenance provenance = Provenance.of(Map.of("source", path.toString(), "format", id(), "units", unit));
            return PoseFile.of(id(), FileNames.stem(path),
                    new Motion3d(layout, rate, CoordinateFrame.WORLD, all, allValid, provenance));
        }
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public void write(PoseFile data, Path out) throws IOException {
        write(data, out, WriteOptions.DEFAULTS);
    }

    /** Writes the file's one 3D sequence in millimetres unless {@code options} say {@code m}. */
    @Override
    public void write(PoseFile data, Path out, WriteOptions options) throws IOException {
        String unit = options.units().orElse("mm");
        double perMetre = options.unitsPerMetre(id(), "mm", "mm", "m");
        if (data.motions().size() != 1) {
            throw new PosettaException("A TRC file holds one 3D sequence, but there are " + data.motions().size()
                    + ": lift 2D keypoints to 3D first, or write several sequences as JSON, CSV or npz.");
        }
        Map.Entry<String, Motion3d> only = data.motions().entrySet().iterator().next();
        Motion3d m = only.getValue();
        RotationMatrix up = Upright.rotation(m);
        String rate = decimal(m.fps());
        int joints = m.joints();
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("PathFileType\t4\t(X/Y/Z)\t" + only.getKey() + ".trc\n");
            w.write(String.join("\t", HEADER) + "\n");
            w.write(String.join("\t", rate, rate, Integer.toString(m.frames()), Integer.toString(joints), unit, rate, "1",
                    Integer.toString(m.frames())) + "\n");
            StringBuilder names = new StringBuilder("Frame#\tTime");
            StringBuilder axes = new StringBuilder("\t");
            for (int j = 0; j < joints; j++) {
                names.append('\t').append(m.layout().joint(j)).append("\t\t");
                axes.append("\tX").append(j + 1).append("\tY").append(j + 1).append("\tZ").append(j + 1);
            }
            w.write(names + "\n" + axes + "\n\n");
            StringBuilder row = new StringBuilder();
            for (int t = 0; t < m.frames(); t++) {
                row.setLength(0);
                row.append(t + 1).append('\t').append(decimal(t / m.fps()));
                for (int j = 0; j < joints; j++) {
                    if (m.isValid(t, j)) {
                        double[] p = up.apply(new double[] {m.get(t, j, 0), m.get(t, j, 1), m.get(t, j, 2)});
                        for (int c = 0; c < 3; c++) {
                            row.append('\t').append(decimal(p[c] * perMetre));
                        }
                    } else {
                        row.append("\t\t\t");
                    }
                }
                w.write(row.append('\n').toString());
            }
        }
    }

    /** Six decimals at most, no trailing zeros: 1 µm in millimetres, well below float precision in metres. */
    private static String decimal(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    private static double number(Path path, String cell, String where) {
        try {
            double v = Double.parseDouble(cell.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PosettaException(path + " has '" + cell + "' where a number belongs (" + where + "): export it again as TRC.");
    }
}
