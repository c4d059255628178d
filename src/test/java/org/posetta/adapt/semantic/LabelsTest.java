package org.posetta.adapt.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.PosettaException;

class LabelsTest {
    private static final String WALK = "a person walks";
    private static final String SIT = "a person sits down";

    @TempDir
    Path dir;

    @Test
    void readsSegmentsInAnyOrderAndLeavesGapsUnlabelled() throws IOException {
        Path file = write("{\"segments\": [{\"start\": 150, \"end\": 200, \"text\": \" a person sits down \"},"
                + " {\"start\": 0, \"end\": 120, \"text\": \"a person walks\", \"note\": \"ignored\"}]}");
        Labels labels = Labels.read(file, 200);
        assertThat(labels.frames()).isEqualTo(200);
        assertThat(labels.at(0)).isEqualTo(WALK);
        assertThat(labels.at(119)).isEqualTo(WALK);
        assertThat(labels.at(120)).isNull();
        assertThat(labels.at(149)).isNull();
        assertThat(labels.at(150)).isEqualTo(SIT);
        assertThat(labels.at(199)).isEqualTo(SIT);
        assertThat(labels.distinct()).containsExactly(WALK, SIT);
        assertThat(labels.uniform(0, 120)).isTrue();
        assertThat(labels.uniform(60, 120)).isTrue();
        assertThat(labels.uniform(60, 121)).isFalse();
        assertThat(labels.uniform(120, 150)).isFalse();
        assertThat(labels.uniform(150, 200)).isTrue();
        assertThat(labels.uniform(100, 200)).isFalse();
    }

    @Test
    void acceptsABareArrayAndTouchingSegments() throws IOException {
        Path file = write("[{\"start\": 0, \"end\": 5, \"text\": \"a person walks\"},"
                + " {\"start\": 5, \"end\": 10, \"text\": \"a person walks\"}]");
        Labels labels = Labels.read(file, 10);
        assertThat(labels.uniform(0, 10)).isTrue();
        assertThat(labels.distinct()).containsExactly(WALK);
        assertThat(Labels.read(write("{\"segments\": []}"), 10).distinct()).isEmpty();
    }

    @Test
    void constantAndOfAreWhatTheyAreGiven() {
        Labels constant = Labels.constant(WALK, 4);
        assertThat(constant.frames()).isEqualTo(4);
        assertThat(constant.uniform(0, 4)).isTrue();
        assertThat(constant.distinct()).containsExactly(WALK);

        String[] perFrame = {WALK, WALK, null, SIT, WALK};
        Labels labels = Labels.of(perFrame);
        perFrame[0] = SIT;
        assertThat(labels.at(0)).isEqualTo(WALK);
        assertThat(labels.uniform(0, 2)).isTrue();
        assertThat(labels.uniform(0, 3)).isFalse();
        assertThat(labels.uniform(2, 3)).isFalse();
        assertThat(labels.uniform(3, 4)).isTrue();
        assertThat(labels.uniform(4, 5)).isTrue();
        assertThat(labels.distinct()).containsExactly(WALK, SIT);
        assertThatThrownBy(() -> labels.uniform(3, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> labels.uniform(0, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Labels.of(new String[] {" "})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uniformAgreesWithAFrameByFrameCheck() {
        Random random = new Random(3);
        String[] choices = {WALK, SIT, null};
        String[] perFrame = new String[200];
        for (int t = 0; t < perFrame.length; t++) {
            perFrame[t] = random.nextInt(4) == 0 || t == 0 ? choices[random.nextInt(3)] : perFrame[t - 1];
        }
        Labels labels = Labels.of(perFrame);
        for (int from = 0; from < perFrame.length; from++) {
            for (int to = from + 1; to <= perFrame.length; to++) {
                boolean same = perFrame[from] != null;
                for (int t = from; t < to && same; t++) {
                    same = perFrame[from].equals(perFrame[t]);
                }
                assertThat(labels.uniform(from, to)).as("[%d, %d)", from, to).isEqualTo(same);
            }
        }
    }

    @Test
    void refusesOverlappingSegmentsNamingBoth() throws IOException {
        Path file = write("{\"segments\": [{\"start\": 0, \"end\": 120, \"text\": \"a person walks\"},"
                + " {\"start\": 100, \"end\": 150, \"text\": \"a person sits down\"}]}");
        assertRefused(file, 200, "segment 1 (frames 100 to 150) overlaps segment 0 (frames 0 to 120)");
    }

    @Test
    void refusesSegmentsOutOfRange() throws IOException {
        assertRefused(write(segment("-1", "10")), 100, "Segment 0");
        assertRefused(write(segment("0", "101")), 100, "'end' = 101");
        assertRefused(write(segment("50", "50")), 100, "greater than 'start'");
        assertRefused(write(segment("60", "50")), 100, "starts at frame 60 but ends at 50");
        assertRefused(write(segment("0", "3000000000")), 100, "whole number of frames from 0 to 100");
    }

    @Test
    void refusesNonIntegerFrames() throws IOException {
        assertRefused(write(segment("1.5", "10")), 100, "'start' = 1.5");
        assertRefused(write(segment("\"0\"", "10")), 100, "'start' = \"0\"");
        assertRefused(write(segment("0", "null")), 100, "'end' = null");
        assertRefused(write("[{\"end\": 10, \"text\": \"a person walks\"}]"), 100, "has no 'start'");
    }

    @Test
    void refusesMissingOrBlankText() throws IOException {
        assertRefused(write("[{\"start\": 0, \"end\": 10, \"text\": \"   \"}]"), 100, "has no 'text'");
        assertRefused(write("[{\"start\": 0, \"end\": 10}]"), 100, "has no 'text'");
        assertRefused(write("[{\"start\": 0, \"end\": 10, \"text\": 5}]"), 100, "has no 'text'");
    }

    @Test
    void refusesWhatIsNotASegmentList() throws IOException {
        assertRefused(write(""), 100, "is empty");
        assertRefused(write("   \n"), 100, "is empty");
        byte[] garbage = new byte[2048];
        new Random(11).nextBytes(garbage);
        assertRefused(Files.write(dir.resolve("garbage.json"), garbage), 100, "");
        assertRefused(write("{\"segments\": [ {\"start\": 0,"), 100, "not valid JSON");
        assertRefused(write("{\"segments\": 5}"), 100, "no 'segments' array");
        assertRefused(write("{\"labels\": []}"), 100, "no 'segments' array");
        assertRefused(write("[5]"), 100, "Segment 0");
        assertRefused(write("[] []"), 100, "not valid JSON");
        assertRefused(write("{\"segments\": [], \"segments\": []}"), 100, "not valid JSON");
        assertRefused(write("[" + "[".repeat(200) + "]".repeat(200) + "]"), 100, "not valid JSON");
        assertRefused(dir.resolve("missing.json"), 100, "Cannot read");
    }

    @Test
    void refusesMoreSegmentsThanFrames() throws IOException {
        assertRefused(write("[" + segmentObject("0", "1") + "," + segmentObject("1", "2") + "," + segmentObject("2", "3") + "]"),
                2, "3 segments for a video of 2 frames");
    }

    @Test
    void refusesFilesOver16MiB() throws IOException {
        Path file = dir.resolve("big.json");
        Files.write(file, new byte[0]);
        try (var out = Files.newOutputStream(file)) {
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            out.write('[');
            for (int i = 0; i < 17; i++) {
                out.write(spaces);
            }
            out.write(']');
        }
        assertRefused(file, 100, "larger than 16 MiB");
    }

    private static void assertRefused(Path file, int frames, String message) {
        assertThatThrownBy(() -> Labels.read(file, frames)).isInstanceOf(PosettaException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message);
    }

    private static String segment(String start, String end) {
        return "{\"segments\": [" + segmentObject(start, end) + "]}";
    }

    private static String segmentObject(String start, String end) {
        return "{\"start\": " + start + ", \"end\": " + end + ", \"text\": \"a person walks\"}";
    }

    private Path write(String json) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "labels", ".json"), json, StandardCharsets.UTF_8);
    }
}
