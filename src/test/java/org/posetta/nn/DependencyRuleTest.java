package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only packages {@code nn} and {@code adapt} may use the deep-learning engine (DESIGN.md), and only
 * {@code adapt.semantic} the sentence encoder's libraries (langchain4j, ONNX Runtime).
 */
class DependencyRuleTest {
    private static final Path ROOT = Path.of("src/main/java/org/posetta");

    @Test
    void onlyNnAndAdaptImportDjl() throws IOException {
        assertThat(offenders(Pattern.compile("(?s).*\\bai\\.djl\\..*"),
                rel -> rel.startsWith("nn") || rel.startsWith("adapt")))
                .as("files outside nn/ and adapt/ that use ai.djl").isEmpty();
    }

    @Test
    void onlyAdaptSemanticImportsTheSentenceEncoder() throws IOException {
        assertThat(offenders(Pattern.compile("(?s).*\\b(dev\\.langchain4j|ai\\.onnxruntime)\\..*"),
                rel -> rel.startsWith(Path.of("adapt", "semantic"))))
                .as("files outside adapt/semantic/ that use langchain4j or ONNX Runtime").isEmpty();
    }

    /** Source files that match {@code use} although their path below org/posetta is not {@code allowed}. */
    private static List<String> offenders(Pattern use, Predicate<Path> allowed) throws IOException {
        assertThat(ROOT).isDirectory();
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !allowed.test(ROOT.relativize(f.getParent())))
                    .filter(f -> use.matcher(read(f)).matches())
                    .map(Path::toString)
                    .toList();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
