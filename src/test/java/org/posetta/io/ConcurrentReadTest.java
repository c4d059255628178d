package org.posetta.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.posetta.pose.Keypoints2d;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * Four threads read the readers' sample files at once, each in its own order and several times
 * over: every read gives exactly what the same read gives alone (values, validity, layout, rate,
 * provenance, or the same error), so the readers share no mutable state.
 */
class ConcurrentReadTest {
    private static final Map<String, String> FORMAT_OF_SEEDS = Map.ofEntries(Map.entry("npy", "npy"), Map.entry("npz", "npz"),
            Map.entry("h36mNpz", "h36m-npz"), Map.entry("json", "json"), Map.entry("csv", "csv"), Map.entry("bvh", "bvh"),
            Map.entry("trc", "trc"), Map.entry("deepMimicMotion", "deepmimic"), Map.entry("alphaPose", "alphapose"),
            Map.entry("coco", "coco"), Map.entry("mmpose", "mmpose"), Map.entry("mediaPipe", "mediapipe"));
    private static final int THREADS = 4;
    private static final int ROUNDS = 3;

    @Test
    void fourThreadsReadWhatOneReadsAlone() throws Exception {
        Path seeds = Path.of(ConcurrentReadTest.class.getResource("ReaderFuzzTestInputs").toURI());
        List<String[]> inputs = new ArrayList<>();
        for (Map.Entry<String, String> e : FORMAT_OF_SEEDS.entrySet()) {
            try (Stream<Path> files = Files.list(seeds.resolve(e.getKey()))) {
                files.sorted().forEach(f -> inputs.add(new String[] {f.toString(), e.getValue()}));
            }
        }
        Map<String, String> serial = new LinkedHashMap<>();
        for (String[] in : inputs) {
            serial.put(in[0] + " " + in[1], outcome(in));
        }
        assertThat(serial.values().stream().filter(o -> !o.startsWith("error"))).hasSizeGreaterThan(15);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Map<String, String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<String[]> order = new ArrayList<>(inputs);
                Collections.shuffle(order, new Random(t));
                Callable<Map<String, String>> reader = () -> {
                    start.await();
                    Map<String, String> seen = new LinkedHashMap<>();
                    for (int r = 0; r < ROUNDS; r++) {
                        for (String[] in : order) {
                            String key = in[0] + " " + in[1];
                            String o = outcome(in);
                            String earlier = seen.put(key, o);
                            if (earlier != null && !earlier.equals(o)) {
                                return Map.of(key, "changed between rounds");
                            }
                        }
                    }
                    return seen;
                };
                results.add(pool.submit(reader));
            }
            start.countDown();
            for (Future<Map<String, String>> f : results) {
                assertThat(f.get()).isEqualTo(serial);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Everything a read gives, as text that is equal exactly when the reads agree bit for bit. */
    private static String outcome(String[] input) {
        try {
            PoseFile p = Formats.read(Path.of(input[0]), ReadOptions.DEFAULTS, input[1]);
            StringBuilder s = new StringBuilder(p.format());
            for (Map.Entry<String, Motion3d> m : p.motions().entrySet()) {
                Motion3d v = m.getValue();
                s.append('\n').append(m.getKey()).append(' ').append(v.layout().id()).append(' ').append(v.fps()).append(' ')
                        .append(v.coordinateFrame()).append(' ').append(Arrays.toString(v.positions())).append(Arrays.toString(v.validity()))
                        .append(v.provenance());
            }
            for (Map.Entry<String, Keypoints2d> k : p.keypoints().entrySet()) {
                Keypoints2d v = k.getValue();
                s.append('\n').append(k.getKey()).append(' ').append(v.layout().id()).append(' ').append(v.fps()).append(' ')
                        .append(v.width()).append('x').append(v.height()).append(Arrays.toString(v.pixels()))
                        .append(Arrays.toString(v.confidences())).append(v.provenance());
            }
            return s.toString();
        } catch (PosettaException e) {
            return "error " + e.getMessage();
        }
    }
}
