// Writes the seed inputs of the reader fuzz tests that posetta's own writers can produce:
//   jshell --class-path target/classes:$(cat cp.txt) scripts/fuzz-seeds.jsh
// (cp.txt from mvn dependency:build-classpath). Files found by fuzzing are added next to them.
import java.nio.file.*;
import java.util.*;
import org.posetta.io.*;
import org.posetta.pose.*;

Path root = Paths.get("src/test/resources/org/posetta/io/ReaderFuzzTestInputs");
Random rnd = new Random(5);
float[] xyz = new float[3 * 17 * 3];
for (int i = 0; i < xyz.length; i++) xyz[i] = (float) rnd.nextGaussian();
boolean[] valid = new boolean[3 * 17];
for (int i = 0; i < valid.length; i++) valid[i] = i % 7 != 0;
Motion3d m = new Motion3d(Layout.H36M17, 50, CoordinateFrame.CAMERA, xyz, valid, Provenance.of(Map.of("source", "seed")));
float[] uv = new float[3 * 17 * 2];
float[] conf = new float[3 * 17];
for (int i = 0; i < uv.length; i++) uv[i] = (float) (rnd.nextDouble() * 1000);
for (int i = 0; i < conf.length; i++) conf[i] = i % 5 == 0 ? 0f : 0.9f;
Keypoints2d k = new Keypoints2d(Layout.COCO17, 25, 1000, 1000, uv, conf, Provenance.of(Map.of("source", "seed")));

void seed(String method, String name, PoseFile data, String format) throws Exception {
    Path out = root.resolve(method).resolve(name);
    Files.createDirectories(out.getParent());
    Formats.write(data, out, format);
}
seed("npy", "motion3d.npy", PoseFile.of("npy", "m", m), "npy");
seed("npy", "keypoints2d.npy", PoseFile.of("npy", "k", k), "npy");
seed("npz", "motion3d.npz", PoseFile.of("npz", "m", m), "npz");
seed("npz", "keypoints2d.npz", PoseFile.of("npz", "k", k), "npz");
seed("json", "motion3d.json", PoseFile.of("json", "m", m), "json");
seed("json", "keypoints2d.json", PoseFile.of("json", "k", k), "json");
seed("csv", "motion3d.csv", PoseFile.of("csv", "m", m), "csv");
seed("csv", "keypoints2d.csv", PoseFile.of("csv", "k", k), "csv");
seed("bvh", "motion3d.bvh", PoseFile.of("bvh", "m", m), "bvh");
seed("trc", "motion3d.trc", PoseFile.of("trc", "m", m), "trc");
/exit
