package org.posetta.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/** The batch machinery with {@code convert} as the per-item command: cheap children, real processes. */
class BatchTest {
    @TempDir
    Path dir;

    /** Converts each item into {@code NAME/motion.npz}. */
    private static final Batch.Action CONVERT = new Batch.Action() {
        @Override
        public List<String> arguments(Path input, Path folder) {
            return List.of("convert", input.toString(), folder.resolve("motion.npz").toString());
        }

        @Override
        public String result() {
            return "motion.npz";
        }
    };

    private static Motion3d motion(int frames, int filledFrames) {
        float[] xyz = new float[frames * 17 * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) Math.sin(i * 0.01);
        }
        boolean[] filled = new boolean[frames * 17];
        for (int i = 0; i < filledFrames * 17; i++) {
            filled[i] = true;
        }
        return new Motion3d(Layout.H36M17, 50, CoordinateFrame.CAMERA, xyz, null, filled, null, null);
    }

    private Path inputs() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Formats.write(PoseFile.of("npz", "a", motion(10, 0)), in.resolve("a.npz"), "npz");
        Formats.write(PoseFile.of("npz", "b", motion(20, 5)), in.resolve("b.json"), "json");
        Formats.write(PoseFile.of("npz", "c", motion(8, 2)), in.resolve("c.npz"), "npz");
        Files.write(in.resolve("broken.npz"), new byte[] {'P', 'K', 3, 4, 0, 1, 2});
        Files.writeString(in.resolve("notes.txt"), "not a pose file");
        return in;
    }

    private Batch.Summary run(Path in, Path out, int jobs, StringWriter log) {
        Batch.Options o = new Batch.Options(in, Batch::isPoseFile, "pose files", out, jobs, "org.posetta.cli.Main", CONVERT);
        return Batch.run(o, Progress.to(new PrintWriter(log, true)));
    }

    private static Batch.Row row(Batch.Summary s, String name) {
        return s.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyItemGetsAFolderARowAndALogAndABadFileDoesNotStopTheOthers() throws IOException {
        Path in = inputs();
        Path out = dir.resolve("out");
        StringWriter log = new StringWriter();
        Batch.Summary s = run(in, out, 2, log);

        assertThat(s.rows()).extracting(Batch.Row::name).containsExactly("a", "b", "broken", "c");
        assertThat(s.count(Batch.Status.DONE)).isEqualTo(3);
        Batch.Row broken = row(s, "broken");
        assertThat(broken.status()).isEqualTo(Batch.Status.FAILED);
        assertThat(broken.error()).contains("broken.npz");
        assertThat(out.resolve("broken")).doesNotExist();
        assertThat(row(s, "b").frames()).isEqualTo(20);
        assertThat(row(s, "b").fillRatio()).isCloseTo(5 / 20.0, within(1e-9));
        assertThat(row(s, "c").fillRatio()).isCloseTo(2 / 8.0, within(1e-9));
        assertThat(row(s, "a").seconds()).isPositive();
        for (String name : List.of("a", "b", "c")) {
            assertThat(out.resolve(name).resolve("motion.npz")).isNotEmptyFile();
            assertThat(out.resolve(name).resolve(Batch.ITEM_FILE)).isNotEmptyFile();
            assertThat(out.resolve("logs").resolve(name + ".log")).exists();
        }
        assertThat(Files.readString(out.resolve("logs/broken.log"))).contains("broken.npz");

        List<String> csv = Files.readAllLines(out.resolve(Batch.SUMMARY_FILE), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo("item,input,status,frames,fill_ratio,seconds,error");
        assertThat(csv).hasSize(5);
        assertThat(csv.get(2)).startsWith("b,").contains(",done,20,0.2500,");
        assertThat(csv.get(3)).startsWith("broken,").contains(",failed,,,");
        assertThat(s.table()).hasSize(6);
        assertThat(s.table().get(5)).contains("4 items: 3 done, 0 skipped (finished earlier), 1 failed").contains("2 jobs");
        assertThat(log.toString()).contains("[4/4]");
        assertNoHiddenLeftovers(out);
    }

    @Test
    void aSecondRunSkipsFinishedItemsAndRedoesHalfDoneChangedAndFailedOnes() throws IOException {
        Path in = inputs();
        Path out = dir.resolve("out");
        run(in, out, 1, new StringWriter());
        FileTime cWritten = Files.getLastModifiedTime(out.resolve("c/motion.npz"));

        // b was interrupted half-way (no marker, a staging folder left), a's input changed since
        Files.delete(out.resolve("b").resolve(Batch.ITEM_FILE));
        Files.createDirectories(out.resolve(".b.part-12345"));
        Formats.write(PoseFile.of("npz", "a", motion(12, 0)), in.resolve("a.npz"), "npz");
        Files.setLastModifiedTime(in.resolve("a.npz"), FileTime.fromMillis(System.currentTimeMillis() + 5000));

        StringWriter log = new StringWriter();
        Batch.Summary again = run(in, out, 1, log);
        assertThat(row(again, "a").status()).isEqualTo(Batch.Status.DONE);
        assertThat(row(again, "a").frames()).isEqualTo(12);
        assertThat(row(again, "b").status()).isEqualTo(Batch.Status.DONE);
        assertThat(row(again, "c").status()).isEqualTo(Batch.Status.SKIPPED);
        assertThat(row(again, "c").frames()).isEqualTo(8);
        assertThat(row(again, "broken").status()).isEqualTo(Batch.Status.FAILED);
        assertThat(Files.getLastModifiedTime(out.resolve("c/motion.npz"))).isEqualTo(cWritten);
        assertThat(log.toString()).contains("1 of 4 pose files finished earlier: skipped");
        assertThat(Files.readAllLines(out.resolve(Batch.SUMMARY_FILE))).hasSize(5)
                .anySatisfy(l -> assertThat(l).startsWith("c,").contains(",skipped,8,"));
        assertNoHiddenLeftovers(out);
    }

    @Test
    void aFolderWithoutItemsAMissingFolderOrAnUnwritableOutputIsOneSentence() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "x");
        assertThatThrownBy(() -> run(empty, dir.resolve("out"), 1, new StringWriter())).isInstanceOf(PosettaException.class)
                .hasMessageContaining("holds no pose files");
        assertThatThrownBy(() -> run(dir.resolve("missing"), dir.resolve("out"), 1, new StringWriter()))
                .isInstanceOf(PosettaException.class).hasMessageContaining("is not a folder");
        Path file = Files.writeString(dir.resolve("out.txt"), "a file where the output folder should be");
        Path in = inputs();
        assertThatThrownBy(() -> run(in, file, 1, new StringWriter())).isInstanceOf(PosettaException.class)
                .hasMessageContaining("Cannot write results to " + file);
        assertThatThrownBy(() -> new Batch.Options(empty, Batch::isPoseFile, "pose files", dir, 0, "x", CONVERT))
                .isInstanceOf(PosettaException.class).hasMessageContaining("--jobs");
    }

    @Test
    void inputsWithTheSameStemGetDistinctFolders() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Formats.write(PoseFile.of("npz", "w", motion(4, 0)), in.resolve("walk.npz"), "npz");
        Formats.write(PoseFile.of("npz", "w", motion(6, 0)), in.resolve("walk.json"), "json");
        Batch.Summary s = run(in, dir.resolve("out"), 2, new StringWriter());
        assertThat(s.rows()).extracting(Batch.Row::name).containsExactly("walk_json", "walk_npz");
        assertThat(s.rows()).extracting(Batch.Row::frames).containsExactly(6, 4);
    }

    private static void assertNoHiddenLeftovers(Path out) throws IOException {
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
        }
    }
}
