package org.posetta.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.posetta.geometry.RotationMatrix;
import org.posetta.pose.PosettaException;

/**
 * A BVH file as written: the joint hierarchy (offsets and channels, End Sites included) and the
 * channel values of every frame, in file units; plus forward kinematics to joint positions.
 *
 * <p>Semantics (those of the BVH format as Biovision and common exporters define it):
 * <ul>
 *   <li>A joint's local transform maps its frame to its parent's: {@code x_parent = t + R x_joint}.
 *       {@code t} is the OFFSET, except that each position channel ({@code Xposition}, ...)
 *       present on the joint replaces that component of the offset (Bandai-Namco writes six
 *       channels on every joint, with positions equal to the offsets below the root).</li>
 *   <li>{@code R} is the product of the rotation channels in the order listed, angles in
 *       degrees: {@code Zrotation Xrotation Yrotation} gives {@code R = Rz · Rx · Ry}.</li>
 *   <li>Global: {@code R_j = R_parent · R}, {@code p_j = p_parent + R_parent · t}.</li>
 * </ul>
 */
final class BvhClip {
    /** Channel codes: 0–2 are X/Y/Z position, 3–5 are X/Y/Z rotation. */
    private static final List<String> CHANNEL_NAMES =
            List.of("Xposition", "Yposition", "Zposition", "Xrotation", "Yrotation", "Zrotation");

    /**
     * One node of the hierarchy.
     *
     * @param channels channel codes in file order (empty for End Sites)
     * @param firstChannel index of the joint's first channel in a frame's values
     */
    record Joint(String name, int parent, double[] offset, int[] channels, int firstChannel, boolean endSite) {
    }

    private final List<Joint> joints;
    private final int channelCount;
    private final double frameTime;
    private final double[] values;

    private BvhClip(List<Joint> joints, int channelCount, double frameTime, double[] values) {
        this.joints = List.copyOf(joints);
        this.channelCount = channelCount;
        this.frameTime = frameTime;
        this.values = values;
    }

    List<Joint> joints() {
        return joints;
    }

    int frames() {
        return values.length / channelCount;
    }

    /** Seconds per frame, as the file's {@code Frame Time} states. */
    double frameTime() {
        return frameTime;
    }

    /**
     * Positions of all nodes (End Sites included) at frame {@code f} in file units, node-major
     * {@code (x, y, z)}; see the class comment for the transform.
     */
    double[] positions(int f) {
        int n = joints.size();
        double[] out = new double[n * 3];
        RotationMatrix[] global = new RotationMatrix[n];
        int base = f * channelCount;
        for (int j = 0; j < n; j++) {
            Joint joint = joints.get(j);
            double[] t = joint.offset().clone();
            RotationMatrix r = RotationMatrix.IDENTITY;
            int[] ch = joint.channels();
            for (int k = 0; k < ch.length; k++) {
                double v = values[base + joint.firstChannel() + k];
                if (ch[k] < 3) {
                    t[ch[k]] = v;
                } else {
                    r = r.times(RotationMatrix.about(ch[k] - 3, Math.toRadians(v)));
                }
            }
            int p = joint.parent();
            if (p < 0) {
                global[j] = r;
                System.arraycopy(t, 0, out, 3 * j, 3);
            } else {
                global[j] = global[p].times(r);
                double[] d = global[p].apply(t);
                for (int c = 0; c < 3; c++) {
                    out[3 * j + c] = out[3 * p + c] + d[c];
                }
            }
        }
        return out;
    }

    /**
     * The longest path between two nodes along the rest skeleton, summing OFFSET lengths (the
     * weighted diameter of the tree); independent of the pose and of which axis is up.
     */
    double restSpan() {
        int n = joints.size();
        double[] deepest = new double[n];
        double best = 0;
        // children follow their parents, so a reverse sweep sees every child before its parent
        double[] second = new double[n];
        for (int j = n - 1; j >= 0; j--) {
            best = Math.max(best, deepest[j] + second[j]);
            int p = joints.get(j).parent();
            if (p >= 0) {
                double[] o = joints.get(j).offset();
                double down = deepest[j] + Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]);
                if (down > deepest[p]) {
                    second[p] = deepest[p];
                    deepest[p] = down;
                } else if (down > second[p]) {
                    second[p] = down;
                }
            }
        }
        return best;
    }

    /** Parses {@code file}; a malformed or truncated file is a {@link PosettaException} naming it and the line. */
    static BvhClip read(Path file) throws IOException {
        long size = Files.size(file);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return new Parser(file, in, size).parse();
        }
    }

    /** Reads tokens with their line numbers. */
    private static final class Parser {
        /** Far deeper than any skeleton, and far from the stack's limit for this recursive parser. */
        private static final int MAX_DEPTH = 256;

        private final Path file;
        private final BufferedReader in;
        private final long size;
        private String[] tokens = new String[0];
        private int next;
        private int line;

        Parser(Path file, BufferedReader in, long size) {
            this.file = file;
            this.in = in;
            this.size = size;
        }

        BvhClip parse() throws IOException {
            expect("HIERARCHY");
            List<Joint> joints = new ArrayList<>();
            String kind = token("ROOT");
            if (!kind.equals("ROOT")) {
                throw error("expected ROOT but found '" + kind + "'");
            }
            int channels = node(joints, -1, false, 0, 0);
            if (channels == 0) {
                throw error("the hierarchy declares no channels, so there is no motion to read");
            }
            String motion = token("MOTION");
            if (motion.equals("ROOT")) {
                throw error("the file has more than one ROOT, which posetta does not read");
            }
            if (!motion.equals("MOTION")) {
                throw error("expected MOTION after the hierarchy but found '" + motion + "'");
            }
            expect("Frames:");
            int frames = integer(token("the frame count"), "a frame count");
            if (frames == 0) {
                throw error("the header declares no frames");
            }
            String ft = token("Frame Time:");
            if (ft.equals("Frame")) {
                expect("Time:");
            } else if (!ft.equals("FrameTime:")) {
                throw error("expected 'Frame Time:' but found '" + ft + "'");
            }
            double frameTime = number(token("the frame time"));
            if (!(frameTime > 0) || Double.isInfinite(frameTime)) {
                throw error("the frame time must be a positive number of seconds, got " + frameTime);
            }
            if (next < tokens.length) {
                throw error("unexpected '" + tokens[next] + "' after the frame time");
            }
            // each value takes at least two characters, so a header cannot make us allocate beyond the file
            if ((long) frames * channels > size / 2 + 1) {
                throw new PosettaException(file + " declares " + frames + " frames of " + channels
                        + " channels, more than its " + size + " bytes can hold: the file is truncated, export it again.");
            }
            double[] values = new double[frames * channels];
            for (int f = 0; f < frames; f++) {
                if (!nextNonBlankLine()) {
                    throw new PosettaException(file + " ends at line " + line + " after " + f + " of the " + frames
                            + " frames its header declares: the file is truncated, export it again.");
                }
                if (tokens.length != channels) {
                    throw error("frame " + (f + 1) + " has " + tokens.length + " values but the hierarchy declares "
                            + channels + " channels");
                }
                for (int c = 0; c < channels; c++) {
                    values[f * channels + c] = number(tokens[c]);
                }
            }
            if (nextNonBlankLine()) {
                throw error("there are more frames than the " + frames + " the header declares");
            }
            return new BvhClip(joints, channels, frameTime, values);
        }

        /** Reads the body of a ROOT, JOINT or End Site after its keyword; returns the channel count so far. */
        private int node(List<Joint> joints, int parent, boolean endSite, int channelsBefore, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw error("the hierarchy nests more than " + MAX_DEPTH + " joints deep");
            }
            String name;
            if (endSite) {
                expect("Site");
                name = parent < 0 ? "End Site" : joints.get(parent).name() + "/End Site";
            } else {
                name = token("a joint name");
                if (name.equals("{")) {
                    throw error("a joint has no name");
                }
            }
            expect("{");
            expect("OFFSET");
            double[] offset = {number(token("an offset")), number(token("an offset")), number(token("an offset"))};
            int[] channels = new int[0];
            int index = joints.size();
            String t = token("CHANNELS, JOINT, End Site or }");
            if (!endSite && t.equals("CHANNELS")) {
                int n = integer(token("a channel count"), "a channel count");
                if (n > CHANNEL_NAMES.size()) {
                    throw error("a joint declares " + n + " channels, but BVH has only " + CHANNEL_NAMES.size());
                }
                channels = new int[n];
                for (int k = 0; k < n; k++) {
                    String c = token("a channel name");
                    channels[k] = CHANNEL_NAMES.indexOf(c);
                    if (channels[k] < 0) {
                        throw error("'" + c + "' is not a BVH channel (use " + String.join(", ", CHANNEL_NAMES) + ")");
                    }
                }
                t = token("JOINT, End Site or }");
            }
            joints.add(new Joint(name, parent, offset, channels, channelsBefore, endSite));
            int count = channelsBefore + channels.length;
            while (!t.equals("}")) {
                if (endSite) {
                    throw error("an End Site has only an OFFSET, but found '" + t + "'");
                }
                if (t.equals("JOINT")) {
                    count = node(joints, index, false, count, depth + 1);
                } else if (t.equals("End")) {
                    count = node(joints, index, true, count, depth + 1);
                } else {
                    throw error("expected JOINT, End Site or } but found '" + t + "'");
                }
                t = token("JOINT, End Site or }");
            }
            return count;
        }

        private void expect(String word) throws IOException {
            String t = token(word);
            if (!t.equals(word)) {
                throw error("expected '" + word + "' but found '" + t + "'");
            }
        }

        private String token(String what) throws IOException {
            while (next >= tokens.length) {
                if (!nextNonBlankLine()) {
                    throw new PosettaException(file + " ends at line " + line + " where " + what
                            + " should follow: the file is truncated, export it again.");
                }
            }
            return tokens[next++];
        }

        private boolean nextNonBlankLine() throws IOException {
            String s;
            do {
                s = in.readLine();
                if (s == null) {
                    return false;
                }
                line++;
                s = s.strip();
            } while (s.isEmpty());
            tokens = s.split("\\s+");
            next = 0;
            return true;
        }

        private double number(String s) {
            try {
                double v = Double.parseDouble(s);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below with the line
            }
            throw error("'" + s + "' is not a finite number");
        }

        private int integer(String s, String what) {
            try {
                int v = Integer.parseInt(s);
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below with the line
            }
            throw error("'" + s + "' is not " + what);
        }

        private PosettaException error(String what) {
            return new PosettaException(file + " line " + line + ": " + what + "; the file is not valid BVH, export it again.");
        }
    }
}
