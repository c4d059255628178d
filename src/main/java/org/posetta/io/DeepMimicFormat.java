package org.posetta.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;
import org.posetta.pose.Provenance;

/**
 * DeepMimic motion files (xbpeng/DeepMimic {@code data/motions/humanoid3d_*.txt}): JSON with
 * {@code Loop} and {@code Frames}, each row {@code [duration, root position (3), root quaternion
 * (4, w first), per joint a quaternion (spherical) or an angle (revolute)]}, read with the
 * character {@code humanoid3d.txt} into joint positions by forward kinematics (see
 * {@link DeepMimicCharacter}): {@link Layout#DEEPMIMIC15}, metres, Y up, world frame.
 *
 * <p><b>Character.</b> Looked for at {@code ../characters/humanoid3d.txt} relative to the motion
 * file's folder (DeepMimic's own {@code data/} layout), then in {@code characters/} and in the
 * motion file's folder itself.
 *
 * <p><b>Frame rate.</b> Each row's first number is the time to the next row (the last is often
 * 0). The output rate is the clip's dominant rate: {@code 1 / d*} for the most common positive
 * duration {@code d*}, snapped to a whole rate within 0.1% (files write 1/30 s as 0.033332).
 * Time is measured in units of {@code d*}, so row {@code i} lies at {@code u_i = Σ_{k<i} d_k / d*}
 * and output frame {@code k} at {@code u = k}, for {@code k = 0 … round(u_last)} (clamped to
 * {@code u_last}): a clip of equal durations is returned row for row, and a clip with an uneven
 * row (e.g. {@code roll}, one row of two durations) is resampled. Between rows the root position is
 * interpolated linearly and every joint rotation by slerp, before forward kinematics.
 * {@link ReadOptions#fps()} is not used: the file states its timing.
 */
public final class DeepMimicFormat implements PoseFormat {
    static final String CHARACTER = "humanoid3d.txt";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "deepmimic";
    }

    @Override
    public String description() {
        return "DeepMimic humanoid3d motion JSON (3D, forward kinematics with the character file)";
    }

    @Override
    public boolean recognises(Path path, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        return text.stripLeading().startsWith("{") && text.contains("\"Frames\"") && text.contains("\"Loop\"");
    }

    @Override
    public PoseFile read(Path path, ReadOptions options) throws IOException {
        Path characterFile = findCharacter(path);
        DeepMimicCharacter character = DeepMimicCharacter.parse(readJson(characterFile), characterFile);
        if (!character.names().equals(Layout.DEEPMIMIC15.joints())
                || !Arrays.equals(character.parents(), Layout.DEEPMIMIC15.parents())) {
            throw new PosettaException(characterFile + " is not DeepMimic's humanoid3d character (joints " + character.names()
                    + "): give the humanoid3d.txt that the motion was made for.");
        }
        JsonNode root = readJson(path);
        JsonNode rows = root.path("Frames");
        if (!rows.isArray() || rows.isEmpty()) {
            throw new PosettaException(path + " has no Frames list: give a DeepMimic motion file with at least one frame.");
        }
        int width = 1 + character.dofs();
        int n = rows.size();
        double[] durations = new double[n];
        DeepMimicCharacter.Pose[] poses = new DeepMimicCharacter.Pose[n];
        for (int i = 0; i < n; i++) {
            double[] row = row(rows.get(i), width, path, i);
            durations[i] = row[0];
            poses[i] = character.pose(row, 1);
        }
        double step = dominantDuration(durations, path);
        double[] u = new double[n];
        for (int i = 1; i < n; i++) {
            u[i] = u[i - 1] + durations[i - 1] / step;
        }
        int frames = (int) Math.round(u[n - 1]) + 1;
        int joints = Layout.DEEPMIMIC15.size();
        float[] xyz = new float[frames * joints * 3];
        int seg = 0;
        for (int k = 0; k < frames; k++) {
            double at = Math.min(k, u[n - 1]);
            while (seg < n - 1 && u[seg + 1] <= at) {
                seg++;
            }
            DeepMimicCharacter.Pose pose = seg == n - 1 ? poses[seg]
                    : poses[seg].interpolate(poses[seg + 1], (at - u[seg]) / (u[seg + 1] - u[seg]));
            double[] p = character.positions(pose);
            for (int i = 0; i < p.length; i++) {
                xyz[k * joints * 3 + i] = (float) p[i];
            }
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("source", path.toString());
        prov.put("format", id());
        prov.put("character", characterFile.toString());
        prov.put("loop", root.path("Loop").asText("none"));
        prov.put("rows", n);
        Motion3d motion = new Motion3d(Layout.DEEPMIMIC15, FrameRate.ofFrameTime(step), CoordinateFrame.WORLD, xyz, null,
                Provenance.of(prov));
        return PoseFile.of(id(), FileNames.stem(path), motion);
    }

    /** The character file for {@code motion}; see the class comment for where it is looked for. */
    static Path findCharacter(Path motion) {
        Path dir = motion.toAbsolutePath().getParent();
        List<Path> candidates = List.of(dir.resolveSibling("characters").resolve(CHARACTER),
                dir.resolve("characters").resolve(CHARACTER), dir.resolve(CHARACTER));
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        throw new PosettaException("No DeepMimic character file for " + motion + ": put " + CHARACTER + " in "
                + candidates.get(0).getParent() + " (as in DeepMimic's data folder) or next to the motion file.");
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new PosettaException(file + " line " + e.getLocation().getLineNr() + " is not valid JSON ("
                    + e.getOriginalMessage() + "): give a complete DeepMimic file.", e);
        }
    }

    private static double[] row(JsonNode node, int width, Path path, int i) {
        if (!node.isArray() || node.size() != width) {
            throw new PosettaException(path + " frame " + i + " has " + (node.isArray() ? node.size() + " values" : "no list")
                    + " where the humanoid3d character needs " + width + " (duration, root position and rotation, joint rotations):"
                    + " give a humanoid3d motion.");
        }
        double[] row = new double[width];
        for (int c = 0; c < width; c++) {
            JsonNode v = node.get(c);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new PosettaException(path + " frame " + i + " value " + c + " is not a finite number: give a complete DeepMimic motion.");
            }
            row[c] = v.asDouble();
        }
        if (row[0] < 0) {
            throw new PosettaException(path + " frame " + i + " has a negative duration: frame durations must be seconds ≥ 0.");
        }
        return row;
    }

    /** The most common positive duration, counted at microsecond resolution. */
    private static double dominantDuration(double[] durations, Path path) {
        Map<Long, Integer> counts = new HashMap<>();
        Map<Long, Double> first = new HashMap<>();
        long best = -1;
        for (double d : durations) {
            if (d > 0) {
                long key = Math.round(d * 1e6);
                int c = counts.merge(key, 1, Integer::sum);
                first.putIfAbsent(key, d);
                if (best < 0 || c > counts.get(best)) {
                    best = key;
                }
            }
        }
        if (best < 0) {
            throw new PosettaException(path + " has no frame with a positive duration: each row must start with its duration in seconds.");
        }
        return first.get(best);
    }
}
