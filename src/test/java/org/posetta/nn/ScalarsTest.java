package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    private static final Pattern DIRECT_CALL = Pattern.compile(
            "ai/djl/ndarray/NDArray\\.(mul|div|maximum|minimum|pow|rdiv|rpow):\\(Ljava/lang/Number;\\)");

    @Test
    void arithmeticMatchesTheEngine() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-2, 0.5f, 4});
            assertThat(Scalars.times(x, 3).toFloatArray()).containsExactly(-6, 1.5f, 12);
            assertThat(Scalars.dividedBy(x, 2).toFloatArray()).containsExactly(-1, 0.25f, 2);
            assertThat(Scalars.atLeast(x, 0).toFloatArray()).containsExactly(0, 0.5f, 4);
            assertThat(Scalars.atMost(x, 1).toFloatArray()).containsExactly(-2, 0.5f, 1);
        }
    }

    /**
     * The failure this class prevents: with DJL's {@code mul(Number)} the backward pass reads a
     * scalar whose buffer the collector may already have freed and reused, and this gradient
     * comes out as NaN or garbage within a few rounds (or the process crashes).
     */
    @Test
    void gradientsStayExactWhileTheGarbageCollectorFreesBuffers() {
        try (GarbagePressure pressure = new GarbagePressure(); NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[4096], new Shape(4096));
            x.setRequiresGradient(true);
            float[] expected = new float[4096];
            Arrays.fill(expected, 3f * 2f * 0.5f);
            for (int round = 0; round < 40; round++) {
                try (NDManager step = m.newSubManager()) {
                    TrainingLoop.LOCK.lock();
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray y = Scalars.dividedBy(Scalars.times(Scalars.times(x.add(1), 3), 2), 2).sum();
                        collector.backward(y);
                    } finally {
                        TrainingLoop.LOCK.unlock();
                    }
                    NDArray g = x.getGradient();
                    assertThat(g.toFloatArray()).as("round %d", round).containsExactly(expected);
                    Scalars.zero(g);
                }
            }
        }
    }

    @Test
    void zeroClearsNonFiniteGradientsInPlace() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2});
            w.setRequiresGradient(true);
            TrainingLoop.LOCK.lock();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(w.log().mul(m.create(new float[] {Float.NaN, Float.POSITIVE_INFINITY})).sum());
            } finally {
                TrainingLoop.LOCK.unlock();
            }
            try (NDArray g = w.getGradient()) {
                assertThat(g.toFloatArray()[0]).isNaN();
                Scalars.zero(g);
            }
            assertThat(w.getGradient().toFloatArray()).containsExactly(0, 0);
        }
    }

    /** Every tensor-by-number product, quotient, maximum or minimum in posetta goes through {@link Scalars}. */
    @Test
    void noCompiledClassCallsTheUnsafeNumberOverloads() throws IOException {
        Path classes = Path.of("target/classes/org/posetta");
        assertThat(classes).isDirectory();
        List<String> args = new ArrayList<>(List.of("-c", "-p"));
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> args.add(f.toString()));
        }
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintWriter w = new PrintWriter(out, true, StandardCharsets.UTF_8)) {
            assertThat(javap.run(w, w, args.toArray(String[]::new))).isZero();
        }
        TreeSet<String> offenders = new TreeSet<>();
        String currentClass = "";
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("Compiled from")) {
                currentClass = line;
            }
            Matcher call = DIRECT_CALL.matcher(line);
            if (call.find() && !currentClass.contains("\"Scalars.java\"")) {
                offenders.add(currentClass + ": NDArray." + call.group(1) + "(Number)");
            }
        }
        assertThat(offenders).isEmpty();
    }
}
