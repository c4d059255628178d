package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.data.Bandai;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;
import org.posetta.report.Chromium;

/**
 * A real client reads posetta's BVH: the three.js {@code BVHLoader} bundled with the report
 * parses the file in headless Chromium, an {@code AnimationMixer} plays it frame by frame, and
 * the joints' world positions it computes are compared with posetta's own forward kinematics of
 * the same file.
 */
public class BvhThreeJsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OUT = Pattern.compile("<pre id=\"out\">(.*?)</pre>", Pattern.DOTALL);

    @TempDir
    Path dir;

    /**
     * Largest distance in metres between three.js's and posetta's position of any H36M-17 joint
     * in any frame of {@code bvh}, a file in {@code unitsPerMetre} units.
     */
    public static double maxThreeJsError(Path bvh, double unitsPerMetre, Path scratch) throws Exception {
        Motion3d ours = Formats.read(bvh, ReadOptions.DEFAULTS, "bvh").motions().values().iterator().next();
        assertThat(ours.layout()).isSameAs(Layout.H36M17);
        String page = """
                <!doctype html><html><head><meta charset="utf-8"></head><body><pre id="out">running</pre>
                <script>@THREE@</script>
                <script>
                const text = @BVH@;
                const result = new THREE.BVHLoader().parse(text);
                const root = result.skeleton.bones[0];
                const mixer = new THREE.AnimationMixer(root);
                const action = mixer.clipAction(result.clip);
                action.setLoop(2200, 1);  // THREE.LoopOnce: the last frame must not wrap to the first
                action.clampWhenFinished = true;
                action.play();
                const names = @NAMES@;
                const bones = names.map(n => result.skeleton.getBoneByName(n));
                const frameTime = parseFloat(text.match(/Frame Time:\\s*(\\S+)/)[1]);
                const frames = parseInt(text.match(/Frames:\\s*(\\d+)/)[1]);
                const v = new THREE.Vector3();
                const out = [];
                for (let f = 0; f < frames; f++) {
                  mixer.setTime(f * frameTime);
                  root.updateMatrixWorld(true);
                  const row = [];
                  for (const b of bones) { b.getWorldPosition(v); row.push(v.x, v.y, v.z); }
                  out.push(row);
                }
                document.getElementById('out').textContent = JSON.stringify(out);
                </script></body></html>
                """.replace("@THREE@", Chromium.threeJs())
                .replace("@NAMES@", JSON.writeValueAsString(Layout.H36M17.joints()))
                .replace("@BVH@", JSON.writeValueAsString(Files.readString(bvh)).replace("</", "<\\/"));
        Path html = scratch.resolve(bvh.getFileName() + ".html");
        Files.writeString(html, page);
        Matcher m = OUT.matcher(Chromium.open(html, scratch, "--dump-dom"));
        assertThat(m.find()).as("the page ran").isTrue();
        JsonNode frames = JSON.readTree(m.group(1).replace("&quot;", "\""));
        assertThat(frames.size()).isEqualTo(ours.frames());
        double worst = 0;
        for (int t = 0; t < ours.frames(); t++) {
            for (int j = 0; j < 17; j++) {
                double s = 0;
                for (int c = 0; c < 3; c++) {
                    double d = frames.get(t).get(3 * j + c).asDouble() / unitsPerMetre - ours.get(t, j, c);
                    s += d * d;
                }
                worst = Math.max(worst, Math.sqrt(s));
            }
        }
        return worst;
    }

    private double roundTrip(Motion3d m, WriteOptions options, double unitsPerMetre) throws Exception {
        Path bvh = dir.resolve("clip.bvh");
        Formats.write(PoseFile.of("test", "clip", m), bvh, "bvh", options);
        return maxThreeJsError(bvh, unitsPerMetre, dir);
    }

    @Test
    void threeJsPlaysTheFileWithOurJointPositions() throws Exception {
        Chromium.require();
        Motion3d m = BvhMotions.nonRigid(60);
        double cm = roundTrip(m, WriteOptions.DEFAULTS, 100);
        double metres = roundTrip(m, WriteOptions.DEFAULTS.withUnits("m"), 1);
        System.out.printf("three.js BVHLoader vs posetta, synthetic motion: max %.4f mm (cm file), %.4f mm (m file)%n",
                cm * 1000, metres * 1000);
        assertThat(cm).isLessThan(0.001);
        assertThat(metres).isLessThan(0.001);
    }

    /**
     * In {@code --exact} files every joint has translation channels holding its whole offset from
     * its parent, as in motion-capture exports such as Bandai-Namco's (whose channels repeat
     * their OFFSETs); three.js adds them to the OFFSETs, so every bone grows by its rest offset and
     * the errors add up along the limbs. The README says so; this test notices if that changes.
     */
    @Test
    void threeJsAddsTheTranslationsOfExactFilesToTheirOffsets() throws Exception {
        Chromium.require();
        double exact = roundTrip(BvhMotions.nonRigid(20), WriteOptions.DEFAULTS.withExact(true), 100);
        System.out.printf("three.js BVHLoader vs posetta, --exact file: max %.1f mm%n", exact * 1000);
        assertThat(exact).isGreaterThan(0.05);
    }

    @Test
    void threeJsPlaysHuman36mAndBandaiFiles() throws Exception {
        Chromium.require();
        Optional<Path> h36m = Human36m.find();
        Optional<Bandai> bandai = Bandai.find();
        Assumptions.assumeTrue(h36m.isPresent() && bandai.isPresent(), "Human3.6M or Bandai data not found under "
                + DataLocation.root() + "; skipping");
        Motion3d walking = Human36m.load(h36m.get(), List.of("S9")).worldPositions("S9", "Walking").slice(0, 300);
        Bandai.Clip clip = bandai.get().clips().stream().filter(c -> c.content().equals("walk")).findFirst().orElseThrow();
        Motion3d walk = bandai.get().load(clip);
        double s9 = roundTrip(walking, WriteOptions.DEFAULTS, 100);
        double b = roundTrip(walk, WriteOptions.DEFAULTS, 100);
        System.out.printf("three.js BVHLoader vs posetta: S9 Walking (300 frames) max %.4f mm, Bandai %s max %.4f mm%n",
                s9 * 1000, clip.name(), b * 1000);
        assertThat(s9).isLessThan(0.001);
        assertThat(b).isLessThan(0.001);
    }
}
