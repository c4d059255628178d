package org.posetta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.pose.CoordinateFrame;
import org.posetta.pose.Layout;
import org.posetta.pose.Motion3d;

/**
 * The library as another project uses it: a program in its own package is compiled against
 * posetta's classes alone (so the public API exposes none of the dependencies' types) and run;
 * and the facade's Javadoc builds without a single warning.
 */
class ApiConsumerTest {
    /** The README's example, as a user's program. */
    private static final String CONSUMER = """
            package com.example.gait;

            import java.nio.file.Path;
            import org.posetta.Posetta;
            import org.posetta.metrics.PoseErrors;
            import org.posetta.pose.Motion3d;

            public final class Compare {
                public static void main(String[] args) {
                    Motion3d estimate = Posetta.readMotion(Path.of(args[0]));
                    Motion3d truth = Posetta.readMotion(Path.of(args[1]));
                    PoseErrors errors = Posetta.evaluate(estimate, truth);
                    System.out.printf("MPJPE %.1f mm over %d frames%n", errors.mpjpeMm(), errors.frames());
                    Posetta.write(estimate, Path.of(args[2]));
                }
            }
            """;

    @TempDir
    Path dir;

    private static Path classes() throws URISyntaxException {
        return Path.of(Posetta.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void aProgramInAnotherPackageCompilesAgainstPosettaAloneAndRuns() throws Exception {
        Path source = dir.resolve("src/com/example/gait/Compare.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, CONSUMER);
        Path out = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-classpath", classes().toString(),
                    "-d", out.toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source.toFile())).call();
            assertThat(ok).as(diagnostics.getDiagnostics().toString()).isTrue();
        }

        float[] xyz = new float[10 * 17 * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) (i % 3 == 2 ? 4 : 0.01 * (i % 51));
        }
        Motion3d truth = new Motion3d(Layout.H36M17, 50, CoordinateFrame.CAMERA, xyz, null, null);
        Posetta.write(truth, dir.resolve("truth.npz"));
        Posetta.write(truth, dir.resolve("estimate.json"));
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, Posetta.class.getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("com.example.gait.Compare").getMethod("main", String[].class).invoke(null, (Object) new String[] {
                dir.resolve("estimate.json").toString(), dir.resolve("truth.npz").toString(), dir.resolve("copy.bvh").toString()});
        } finally {
            System.setOut(console);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("MPJPE 0.0 mm over 10 frames");
        assertThat(dir.resolve("copy.bvh")).isNotEmptyFile();
    }

    @Test
    void theFacadeAndTheTypesItExposesHaveJavadocWithoutWarnings() throws Exception {
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        Path src = Path.of("src/main/java/org/posetta");
        List<File> exposed = new ArrayList<>();
        for (String f : new String[] {"io/PoseFile.java", "io/ReadOptions.java", "io/WriteOptions.java", "metrics/PoseErrors.java",
            "metrics/EvalOptions.java", "metrics/JointSet.java", "pose/Motion3d.java", "pose/Keypoints2d.java", "pose/Layout.java",
            "pose/JointMap.java", "pose/CoordinateFrame.java", "pose/Provenance.java", "pose/PosettaException.java"}) {
            exposed.add(src.resolve(f).toFile());
        }
        // the facade: every tag (parameters, return values) as well as syntax, references and HTML
        assertThat(document(javadoc, "-Xdoclint:all", List.of(src.resolve("Posetta.java").toFile()))).isEmpty();
        // the value types it takes and returns: syntax, references and HTML
        assertThat(document(javadoc, "-Xdoclint:all,-missing", exposed)).isEmpty();
    }

    private List<String> document(DocumentationTool javadoc, String lint, List<File> sources) throws Exception {
        Path out = Files.createTempDirectory(dir, "doc");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter log = new StringWriter();
        try (StandardJavaFileManager files = javadoc.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-quiet", lint, "-classpath", classes().toString(), "-d", out.toString());
            boolean ok = javadoc.getTask(log, files, diagnostics, null, options, files.getJavaFileObjectsFromFiles(sources)).call();
            assertThat(ok).as(log.toString()).isTrue();
        }
        List<String> warnings = new ArrayList<>();
        diagnostics.getDiagnostics().forEach(d -> warnings.add(d.toString()));
        try (Stream<String> lines = log.toString().lines()) {
            lines.filter(l -> l.contains("warning")).forEach(warnings::add);
        }
        return warnings;
    }
}
