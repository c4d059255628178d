package org.posetta.adapt.lift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.posetta.data.DataLocation;
import org.posetta.data.Human36m;
import org.posetta.pose.Keypoints2d;

/** The shipped diffusion lifter on short real clips: same seed, same output, from one thread or four. */
class DiffusionLifterThreadsTest {
    @Test
    void liftingIsBitIdenticalAgainAndFromFourThreadsAtOnce() throws Exception {
        Path folder = Human36m.find().orElse(null);
        Assumptions.assumeTrue(folder != null, "Human3.6M files not found under " + DataLocation.root() + "/h36m; skipping");
        Human36m data = Human36m.load(folder, List.of("S1"));
        List<Human36m.Sequence> clips = new ArrayList<>();
        for (String action : List.of("Walking", "Eating", "Greeting", "Phoning")) {
            clips.add(data.sequence("S1", action, "54138969").slice(0, 100));
        }
        DiffusionLifter.Sampling sampling = DiffusionLifter.Sampling.DEFAULT.withSeed(3);
        try (DiffusionLifter lifter = DiffusionLifter.shipped("diffusion-lifter-s1")) {
            List<float[]> serial = new ArrayList<>();
            for (Human36m.Sequence s : clips) {
                serial.add(lifter.lift(s.groundTruth2d(), s.camera(), sampling).positions());
            }
            Keypoints2d first = clips.get(0).groundTruth2d();
            assertThat(lifter.lift(first, clips.get(0).camera(), sampling).positions()).as("again").isEqualTo(serial.get(0));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[]>> parallel = new ArrayList<>();
                for (Human36m.Sequence s : clips) {
                    parallel.add(pool.submit(() -> lifter.lift(s.groundTruth2d(), s.camera(), sampling).positions()));
                }
                for (int i = 0; i < clips.size(); i++) {
                    assertThat(parallel.get(i).get()).as("clip %d from four threads", i).isEqualTo(serial.get(i));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
